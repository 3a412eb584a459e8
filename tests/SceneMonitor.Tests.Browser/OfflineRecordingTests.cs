using System.Globalization;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SceneMonitor.Tests.Browser;

/// <summary>Recording in the street on a phone (390 × 844): with no network, after a reload, and
/// back online; "My records"; saving once. The service worker is allowed here (it is what makes the
/// page open offline) and each test waits until it controls the page and holds the offline data.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineRecordingTests(BrowserFixture fx, ITestOutputHelper output)
{
    /// <summary>A phone-sized context with the service worker allowed or blocked (blocked where a
    /// test routes the app's own requests: requests a service worker answers bypass routes).</summary>
    private async Task<IPage> PhoneAsync(string locale, ServiceWorkerPolicy workers = ServiceWorkerPolicy.Allow)
    {
        var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = locale,
            TimezoneId = "Europe/Brussels",
            ServiceWorkers = workers,
        });
        // Routes and a service worker do not mix in Playwright (requests of a controlled page could
        // stall once routed): only the context without a worker refuses other hosts by route; the
        // other reaches none anyway (no internet here: the base map fails and gives way to the outlines).
        if (workers == ServiceWorkerPolicy.Block)
            await context.RouteAsync(url => !url.StartsWith(fx.BaseUrl, StringComparison.Ordinal), route => route.AbortAsync());
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.PageError += (_, error) => fx.PageErrors.Add(error);
        return page;
    }

    /// <summary>Places the observation at an offset (px) from the map's centre, picks the category,
    /// writes the note and saves.</summary>
    private static async Task RecordAsync(IPage page, string category, string note, int dx = 0, int dy = 0)
    {
        // On a phone the page scrolls: the previous record left it at the Save button.
        await page.Locator("#map").ScrollIntoViewIfNeededAsync();
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width / 2 + dx, box.Y + box.Height / 2 + dy);
        await page.WaitForSelectorAsync(".record-pin");
        await page.CheckAsync($"#rec-categories input[value={category}]");
        await page.FillAsync("#rec-note", note);
        await page.ClickAsync("#rec-submit");
    }

    /// <summary>The organisation's records of the last days, read with the page's own sign-in.</summary>
    private static async Task<List<JsonElement>> MineAsync(IPage page, string noteContains)
    {
        var text = await page.EvaluateAsync<string>(@"async () => {
            const r = await fetch('/api/observations/mine?days=2', { headers: { Authorization: 'Bearer ' + sessionStorage.getItem('scenemonitor.token') } });
            return await r.text(); }");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("records").EnumerateArray()
            .Where(r => r.GetProperty("note").ValueKind == JsonValueKind.String && r.GetProperty("note").GetString()!.Contains(noteContains, StringComparison.Ordinal))
            .Select(r => r.Clone()).ToList();
    }

    /// <summary>The background sync registrations the service worker holds (their tags).</summary>
    private static Task<string[]> SyncTagsAsync(IPage page) =>
        page.EvaluateAsync<string[]>("async () => (await (await navigator.serviceWorker.ready).sync.getTags())");

    /// <summary>What the page keeps in IndexedDB: reference and observation time of each item.</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> KeptAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>(@"() => new Promise((resolve, reject) => {
            const open = indexedDB.open('scenemonitor-offline');
            open.onsuccess = () => {
                const get = open.result.transaction('queue').objectStore('queue').getAll();
                get.onsuccess = () => resolve(JSON.stringify(get.result.map(i => ({ ref: i.ref, at: i.input.observedAt }))));
                get.onerror = () => reject(get.error);
            };
            open.onerror = () => reject(open.error); })");
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().ToDictionary(i => i.GetProperty("ref").GetString()!,
            i => DateTimeOffset.Parse(i.GetProperty("at").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Three_records_made_offline_survive_a_reload_and_are_stored_once_with_their_own_times()
    {
        var page = await PhoneAsync("nl-BE");
        page.Console += (_, message) => { if (message.Text.Contains("offline", StringComparison.Ordinal)) output.WriteLine(message.Text); };
        var run = Guid.NewGuid().ToString("N")[..8];
        // Not at MapPageTests' place (50.8150, 4.4200): these three, 15 m from it, were clustered with
        // that test's new point at zoom 18 when this class ran first, so its symbol was not drawn alone.
        await fx.OpenAsync(page, "#/record/17/50.8110/4.4340");
        await page.WaitForSelectorAsync("html[data-offline-ready=true]", new() { State = WaitForSelectorState.Attached });

        await page.Context.SetOfflineAsync(true);
        for (var i = 0; i < 3; i++)
        {
            await RecordAsync(page, i == 1 ? "syringe" : "discarded_pipe", $"offline {run} {i}", dx: (i - 1) * 40, dy: 20);
            await page.WaitForSelectorAsync($"#queue-status[data-waiting=\"{i + 1}\"]", new() { State = WaitForSelectorState.Attached });
            Assert.Contains("Bewaard op dit toestel", await page.InnerTextAsync("#rec-success"));
            await page.WaitForTimeoutAsync(1100); // each its own second, so the times tell them apart
        }
        Assert.Contains("3 waarnemingen wachten om verzonden te worden", await page.InnerTextAsync("#queue-status"));
        await fx.ScreenshotAsync(page, "offline-01-three-kept-nl");

        // The page opens again without network: the service worker serves it, the queue is still there.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body.ready");
        await page.WaitForSelectorAsync("#queue-status[data-waiting=\"3\"]", new() { State = WaitForSelectorState.Attached });
        Assert.Equal(3, await page.Locator("#mine-kept .mine-item").CountAsync());
        await page.Locator("#my-records").ScrollIntoViewIfNeededAsync();
        await fx.ScreenshotAsync(page, "offline-02-after-reload-offline-nl");
        var kept = await KeptAsync(page);
        Assert.Equal(3, kept.Count);

        await page.WaitForTimeoutAsync(2000);
        var online = DateTimeOffset.UtcNow;
        await page.Context.SetOfflineAsync(false);
        try { await page.WaitForSelectorAsync("#queue-status[data-waiting=\"0\"]", new() { State = WaitForSelectorState.Attached, Timeout = 60_000 }); }
        catch (TimeoutException)
        {
            output.WriteLine(await page.EvaluateAsync<string>(@"() => JSON.stringify({ online: navigator.onLine, status: document.getElementById('queue-status').textContent,
                controlled: !!navigator.serviceWorker.controller, login: document.getElementById('login-dialog').open })"));
            await fx.ScreenshotAsync(page, "offline-debug-not-sent");
            throw;
        }

        var stored = await MineAsync(page, $"offline {run}");
        Assert.Equal(3, stored.Count); // exactly once each
        foreach (var record in stored)
        {
            var reference = record.GetProperty("externalRef").GetString()!;
            Assert.True(kept.TryGetValue(reference, out var madeAt), $"{reference} was made on the device");
            var observedAt = DateTimeOffset.Parse(record.GetProperty("observedAt").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(madeAt, observedAt); // the time it was made, to the second
            Assert.True(observedAt < online.AddSeconds(-1.5), $"{observedAt:O} is before the network returned at {online:O}");
        }
        Assert.Equal(3, stored.Select(r => r.GetProperty("externalRef").GetString()).Distinct().Count());
        Assert.Empty(await KeptAsync(page));
        output.WriteLine(string.Join(", ", stored.Select(r => $"{r.GetProperty("id")} {r.GetProperty("observedAt")}")));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_record_is_withdrawn_from_My_records()
    {
        var page = await PhoneAsync("fr-BE");
        var run = Guid.NewGuid().ToString("N")[..8];
        await fx.OpenAsync(page, "#/record/17/50.8160/4.4230");
        await RecordAsync(page, "ammonia_bottle", $"à retirer {run}");
        await page.WaitForSelectorAsync("#rec-success[data-id]");
        var id = await page.GetAttributeAsync("#rec-success", "data-id");
        Assert.Contains("enregistrée", await page.InnerTextAsync("#rec-success"));

        var item = page.Locator($"#mine-stored .mine-item[data-id=\"{id}\"]");
        await item.WaitForAsync();
        await item.Locator("[data-act=withdraw]").ClickAsync();
        await item.Locator("[data-act=withdraw-reason]").First.WaitForAsync();
        await item.ScrollIntoViewIfNeededAsync();
        await fx.ScreenshotAsync(page, "offline-03-withdraw-reasons-fr");
        await item.Locator("[data-reason=twice]").ClickAsync();
        await page.WaitForSelectorAsync($"#mine-stored .mine-item.withdrawn[data-id=\"{id}\"]");
        await fx.ScreenshotAsync(page, "offline-04-withdrawn-fr");

        var record = Assert.Single(await MineAsync(page, $"à retirer {run}"));
        Assert.True(record.GetProperty("retracted").GetBoolean());
        Assert.Equal("Enregistrée deux fois", record.GetProperty("retractedReason").GetString());
        Assert.Equal(0, await item.Locator("[data-act=withdraw]").CountAsync());

        // The record page with its status line and list passes axe-core (WCAG 2.1 A/AA) on a phone.
        var axe = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            ResultTypes = [ResultType.Violations],
        });
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html).Take(2))})").ToList();
        Assert.True(serious.Count == 0, string.Join("; ", serious));
        await page.Context.CloseAsync();
    }

    /// <summary>Correct from "My records" (NL): the form opens with the stored record, the category is
    /// changed and a reason chosen; saving withdraws the old record with that reason and stores the
    /// corrected one with the original time and note, once.</summary>
    [Fact]
    public async Task A_record_is_corrected_from_My_records()
    {
        var page = await PhoneAsync("nl-BE");
        var run = Guid.NewGuid().ToString("N")[..8];
        // Away from the places other tests record at (MapPageTests looks for its point alone at 50.8150, 4.4200).
        await fx.OpenAsync(page, "#/record/17/50.8180/4.4290");
        await RecordAsync(page, "syringe", $"te verbeteren {run}");
        await page.WaitForSelectorAsync("#rec-success[data-id]");
        var id = await page.GetAttributeAsync("#rec-success", "data-id");
        var original = Assert.Single(await MineAsync(page, $"te verbeteren {run}"));

        var item = page.Locator($"#mine-stored .mine-item[data-id=\"{id}\"]");
        await item.Locator("[data-act=correct]").ClickAsync();
        await page.WaitForSelectorAsync("#rec-correct-reason");
        Assert.Contains($"U verbetert waarneming {id}", await page.InnerTextAsync("#rec-mode"));
        Assert.True(await page.IsCheckedAsync("#rec-categories input[value=syringe]"));
        Assert.Equal($"te verbeteren {run}", await page.InputValueAsync("#rec-note"));
        await page.CheckAsync("#rec-categories input[value=discarded_pipe]");
        await page.SelectOptionAsync("#rec-correct-reason", "category");
        await fx.ScreenshotAsync(page, "offline-06-correcting-nl");
        await page.ClickAsync("#rec-submit");
        await page.WaitForSelectorAsync($"#mine-stored .mine-item.withdrawn[data-id=\"{id}\"]");
        Assert.Contains($"Waarneming {id} verbeterd", await page.InnerTextAsync("#rec-success"));

        var records = await MineAsync(page, $"te verbeteren {run}");
        Assert.Equal(2, records.Count);
        var old = Assert.Single(records, r => r.GetProperty("id").ToString() == id);
        var corrected = Assert.Single(records, r => r.GetProperty("id").ToString() != id);
        Assert.True(old.GetProperty("retracted").GetBoolean());
        // The server links the withdrawal to its replacement (OwnRecords.Correct).
        Assert.Equal($"corrected by #{corrected.GetProperty("id")}: Verkeerde categorie", old.GetProperty("retractedReason").GetString());
        Assert.False(corrected.GetProperty("retracted").GetBoolean());
        Assert.Equal("discarded_pipe", corrected.GetProperty("category").GetString());
        Assert.Equal(original.GetProperty("observedAt").GetDateTimeOffset(), corrected.GetProperty("observedAt").GetDateTimeOffset());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Saving_twice_quickly_or_resending_after_a_lost_answer_stores_once_and_the_form_starts_afresh()
    {
        // Service worker blocked: this test routes the app's own POSTs to lose one answer.
        var page = await PhoneAsync("nl-BE", ServiceWorkerPolicy.Block);
        var run = Guid.NewGuid().ToString("N")[..8];
        await fx.OpenAsync(page, "#/record/17/50.8140/4.4180");

        // Two taps and two submits at once.
        await page.Locator("#map").ScrollIntoViewIfNeededAsync();
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.CheckAsync("#rec-categories input[value=syringe]");
        await page.CheckAsync("#rec-another");
        await page.FillAsync("#rec-note", $"twice {run}");
        await page.EvaluateAsync("() => { const f = document.getElementById('record-form'); f.requestSubmit(); f.requestSubmit(); }");
        await page.Locator("#rec-submit").DblClickAsync();
        await page.WaitForSelectorAsync("#rec-success[data-id]");
        await page.WaitForTimeoutAsync(1500); // anything else that was going to be stored, stored
        Assert.Single(await MineAsync(page, $"twice {run}"));
        // A fresh record: no place, the category kept because "keep this category" is ticked.
        Assert.Equal("", await page.InputValueAsync("#rec-latitude"));
        Assert.Equal(0, await page.Locator(".record-pin").CountAsync());
        Assert.True(await page.IsCheckedAsync("#rec-categories input[value=syringe]"));
        Assert.Equal("", await page.InputValueAsync("#rec-note"));
        await fx.ScreenshotAsync(page, "offline-05-saved-fresh-form-nl");

        // The next record reaches the server but its answer is lost: it stays kept, and sending it
        // again returns the stored one instead of a second record.
        var lost = 0;
        await page.RouteAsync("**/api/observations", async route =>
        {
            if (route.Request.Method == "POST" && Interlocked.Increment(ref lost) == 1)
            {
                await route.FetchAsync(); // stored on the server
                await route.AbortAsync(); // but the phone never hears it
            }
            else await route.ContinueAsync();
        });
        await RecordAsync(page, "syringe", $"lost answer {run}", dx: 30);
        // Kept (the confirmation names no stored id), and waiting to be sent again.
        await page.WaitForSelectorAsync("#rec-success:not([data-id])");
        await page.WaitForSelectorAsync("#queue-status[data-waiting=\"1\"]", new() { State = WaitForSelectorState.Attached });
        Assert.Single(await MineAsync(page, $"lost answer {run}"));
        await page.ClickAsync("#queue-status [data-act=send]");
        await page.WaitForSelectorAsync("#queue-status[data-waiting=\"0\"]", new() { State = WaitForSelectorState.Attached });
        Assert.Equal(2, lost); // it was sent twice
        Assert.Single(await MineAsync(page, $"lost answer {run}")); // and stored once
        await page.Context.CloseAsync();
    }

    /// <summary>Background sync: a record kept offline whose send fails when the network returns (a
    /// connection that answers nothing) keeps its sync registration and is sent when the browser
    /// fires the worker's 'sync' event again, with no 'online' event, no reload and no tap; and the
    /// failing network is not hammered meanwhile (a registration made online fired at once and
    /// looped some 30 sends a second).</summary>
    [Fact]
    public async Task A_record_whose_send_failed_is_sent_by_background_sync()
    {
        var page = await PhoneAsync("en-GB");
        var run = Guid.NewGuid().ToString("N")[..8];
        await fx.OpenAsync(page, "#/record/17/50.8230/4.4080");
        await page.WaitForSelectorAsync("html[data-offline-ready=true]", new() { State = WaitForSelectorState.Attached });
        var posts = 0;
        page.Request += (_, r) => { if (r.Method == "POST" && r.Url.EndsWith("/api/observations", StringComparison.Ordinal)) Interlocked.Increment(ref posts); };

        await page.Context.SetOfflineAsync(true);
        await RecordAsync(page, "discarded_pipe", $"sync {run}");
        await page.WaitForSelectorAsync("#queue-status[data-waiting=\"1\"]", new() { State = WaitForSelectorState.Attached });
        Assert.Contains("send-queue", await SyncTagsAsync(page));

        // The network returns but the send fails (the browser blocks it, as a dead connection fails
        // it): tried, and not again and again.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setBlockedURLs", new() { ["urls"] = new[] { "*/api/observations" } });
        await page.Context.SetOfflineAsync(false);
        await page.WaitForTimeoutAsync(3000);
        Assert.InRange(Volatile.Read(ref posts), 1, 3);
        Assert.Equal("1", await page.GetAttributeAsync("#queue-status", "data-waiting"));
        // The sync that fired with the network did not end the registration: the page answered that
        // one still waits, so the browser keeps it for a later try (sw.js).
        Assert.Contains("send-queue", await SyncTagsAsync(page));

        // The connection works again; nothing on the page notices. The browser's sync event reaches
        // the worker, which tells the page to send.
        await cdp.SendAsync("Network.setBlockedURLs", new() { ["urls"] = Array.Empty<string>() });
        var registration = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            foreach (var r in e!.Value.GetProperty("registrations").EnumerateArray())
                if (!r.GetProperty("isDeleted").GetBoolean()) registration.TrySetResult(r.GetProperty("registrationId").GetString()!);
        };
        await cdp.SendAsync("ServiceWorker.enable");
        var registrationId = await registration.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await page.WaitForTimeoutAsync(1000);
        Assert.Equal("1", await page.GetAttributeAsync("#queue-status", "data-waiting"));
        await cdp.SendAsync("ServiceWorker.dispatchSyncEvent", new()
        {
            ["origin"] = fx.BaseUrl, ["registrationId"] = registrationId, ["tag"] = "send-queue", ["lastChance"] = false,
        });
        await page.WaitForSelectorAsync("#queue-status[data-waiting=\"0\"]", new() { State = WaitForSelectorState.Attached, Timeout = 10_000 });
        Assert.Single(await MineAsync(page, $"sync {run}"));
        await page.Context.CloseAsync();
    }
}
