using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace SceneMonitor.Tests.Browser;

/// <summary>Issue 15, finding 4: a Dutch spreadsheet with Breedtegraad/Lengtegraad, uploaded on a
/// phone in the Dutch page, is not refused with an English hint about the URL: the page lists the
/// file's columns with their first values, the user maps them, saves the mapping, and the next file
/// with the same columns goes through without mapping.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportMappingPageTests(BrowserFixture fx)
{
    private static byte[] DutchCsv(string run, string day) => Encoding.UTF8.GetBytes(
        "Soort;Breedtegraad;Lengtegraad;Datum;Aantal;Nummer\n"
        + $"Spuit;50,8466;4,3521;{day} 21:30;3;{run}-1\n"
        + $"Achtergelaten crackpijp;50,8470;4,3530;{day} 22:05;;{run}-2\n");

    [Fact]
    public async Task A_dutch_spreadsheet_is_mapped_in_dutch_on_a_phone_uploaded_and_the_mapping_is_remembered()
    {
        var page = await fx.NewPageAsync(390, 844, "nl-BE");
        await fx.OpenAsync(page, "#/record");
        Assert.Equal("nl", await page.GetAttributeAsync("html", "lang"));
        await page.ClickAsync("#batch summary");
        var run = Guid.NewGuid().ToString("N")[..8];
        var day = DateTime.Now.AddDays(-2).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

        await page.SetInputFilesAsync("#batch-file", new FilePayload { Name = "vondsten.csv", MimeType = "text/csv", Buffer = DutchCsv(run, day) });
        await page.WaitForSelectorAsync("table.import-columns");
        var result = await page.InnerTextAsync("#batch-result");
        Assert.Contains("Geen enkele kolom werd herkend als Breedtegraad", result);
        Assert.Contains("Geen enkele kolom werd herkend als Tijdstip van de waarneming", result);
        Assert.DoesNotContain("?lat", result + await page.InnerTextAsync("#batch"));
        Assert.True(await page.IsDisabledAsync("#batch-upload"));
        // The file's own column names with their first values, and what each is read as.
        var rows = await page.Locator("table.import-columns tbody tr").AllInnerTextsAsync();
        Assert.Contains(rows, r => r.Contains("Breedtegraad") && r.Contains("50,8466") && r.Contains("50,8470"));
        Assert.Equal("category", await page.InputValueAsync("select[aria-label='Soort']"));
        Assert.Equal("quantity", await page.InputValueAsync("select[aria-label='Aantal']"));
        await page.Locator("table.import-columns").ScrollIntoViewIfNeededAsync();
        await fx.ScreenshotAsync(page, "38-import-mapping-phone");

        await page.SelectOptionAsync("select[aria-label='Breedtegraad']", "lat");
        await page.SelectOptionAsync("select[aria-label='Lengtegraad']", "lon");
        await page.SelectOptionAsync("select[aria-label='Datum']", "time");
        await page.SelectOptionAsync("select[aria-label='Nummer']", "externalRef");
        await page.ClickAsync("#imp-save");
        await page.WaitForFunctionAsync("() => document.getElementById('imp-saved').textContent.startsWith('Opgeslagen')");
        await page.ClickAsync("#imp-recheck");
        await page.WaitForSelectorAsync("#batch-upload:not([disabled])");
        Assert.Contains("2 rijen in vondsten.csv gecontroleerd: geen fouten", await page.InnerTextAsync("#batch-parsed"));
        await fx.ScreenshotAsync(page, "39-import-mapping-checked-phone", fullPage: true);
        await page.ClickAsync("#batch-upload");
        await page.WaitForSelectorAsync("#batch-result .form-success");
        Assert.Contains("2 waarnemingen opgeslagen", await page.InnerTextAsync("#batch-result"));
        // Read as mapped: Breedtegraad is the latitude, 21:30 Brussels time, Spuit = syringe.
        Assert.Equal(1, await fx.App.ScalarAsync<long>(
            "SELECT count(*) FROM observations o JOIN categories c ON c.id = o.category_id WHERE external_ref = @r AND c.code = 'syringe' AND quantity = 3 AND round(ST_Y(location)::numeric, 4) = 50.8466 AND to_char(observed_at AT TIME ZONE 'Europe/Brussels', 'HH24:MI') = '21:30'",
            ("r", $"{run}-1")));

        // The next file with these columns: the saved mapping is applied at once, nothing to choose.
        var next = Guid.NewGuid().ToString("N")[..8];
        await page.SetInputFilesAsync("#batch-file", new FilePayload { Name = "vondsten-2.csv", MimeType = "text/csv", Buffer = DutchCsv(next, day) });
        await page.WaitForSelectorAsync("#batch-upload:not([disabled])");
        Assert.Contains("opgeslagen kolomkeuze van uw organisatie", await page.InnerTextAsync("#batch-mapping"));
        Assert.Equal("lat", await page.InputValueAsync("select[aria-label='Breedtegraad']"));
        await page.ClickAsync("#batch-upload");
        await page.WaitForSelectorAsync("#batch-result .form-success");
        Assert.Contains("2 waarnemingen opgeslagen", await page.InnerTextAsync("#batch-result"));
        await page.Context.CloseAsync();
    }
}
