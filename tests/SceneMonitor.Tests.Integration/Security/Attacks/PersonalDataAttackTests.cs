using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Imports.ImportApi;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Security.Attacks;

/// <summary>A recorder tries to store text that names, describes or contacts a person through every
/// way free text gets in (note, batch, retraction reason, import, intervention description), with
/// the disguises of the corpus. Nothing of it may be stored, and no answer or stored error repeats it.</summary>
public class PersonalDataAttackTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _recorder = app.ClientFor("recorder");

    private static IEnumerable<string> PersonNotes => NoteCorpus.PersonNotes.Select(n => n.Note);

    [Fact]
    public async Task Notes_naming_or_describing_persons_are_refused_and_not_stored()
    {
        var source = UniqueSource();
        var failures = new List<string>();
        foreach (var note in PersonNotes)
        {
            using var response = await _recorder.PostAsJsonAsync("/api/observations", Observation(source, note: note));
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != 422 || JsonNode.Parse(text)?["errors"]?["note"] is null)
                failures.Add($"{note}: {(int)response.StatusCode} {text}");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(0, await app.CountAsync(source));

        // The same through a batch, together with a place note that alone would be stored.
        var batch = await _recorder.PostAsJsonAsync("/api/observations/batch", new
        {
            observations = new[] { Observation(source, note: "12 spuiten bij de ingang"), Observation(source, note: "Jan Peeters slaapt hier") },
        });
        var problem = await ProblemAsync(batch, 422);
        Assert.NotNull(problem["errors"]!["observations[1].note"]);
        Assert.DoesNotContain("Peeters", problem.ToJsonString());
        Assert.Equal(0, await app.CountAsync(source));
    }

    [Fact]
    public async Task Place_notes_of_the_corpus_are_stored()
    {
        var source = UniqueSource();
        foreach (var note in NoteCorpus.PlaceNotes)
            await _recorder.CreateAsync(Observation(source, note: note));
        Assert.Equal(NoteCorpus.PlaceNotes.Length, await app.CountAsync(source));
    }

    [Fact]
    public async Task A_retraction_reason_about_a_person_is_refused_without_repeating_it()
    {
        var id = await _recorder.CreateAsync(Observation(UniqueSource()));
        foreach (var reason in new[] { "Jan Peeters vroeg om het te schrappen", "la femme enceinte est partie", "bel 0470 12 34 56" })
        {
            var problem = await ProblemAsync(await _recorder.PostAsJsonAsync($"/api/observations/{id}/retract", new { reason }), 422);
            Assert.NotNull(problem["errors"]!["reason"]);
            Assert.DoesNotContain("Peeters", problem.ToJsonString());
            Assert.DoesNotContain("0470 12 34 56", problem.ToJsonString()); // not "0470": the random hex traceId may hold it
        }
        Assert.False(await app.ScalarAsync<bool>("SELECT retracted FROM observations WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task Import_errors_name_row_and_column_and_never_keep_the_cell()
    {
        var source = UniqueSource();
        var (status, body) = await _recorder.ImportAsync(Csv("""
            category,lat,lon,time,quantity,note
            Mohamed Peeters,50.8357,4.3360,2025-06-01T10:00:00Z,1,
            syringe,50.8357,Fatima Janssens,2025-06-01T10:00:00Z,1,
            syringe,50.8357,4.3360,Jan Peeters 0470123456,1,
            syringe,50.8357,4.3360,2025-06-01T10:00:00Z,Ahmet Maes,
            syringe,50.8357,4.3360,2025-06-01T10:00:00Z,1,man met rode jas ca. 40 jaar
            """), $"source={source}");
        Assert.True(422 == status, body.ToJsonString());
        Assert.Equal([(2L, "category"), (3L, "lon"), (4L, "time"), (5L, "quantity"), (6L, "note")], Errors(body).Select(e => (e.Row, e.Column)));
        var stored = await app.ScalarAsync<string>("SELECT errors::text FROM imports WHERE id = @id", ("id", Guid.Parse(body["id"]!.GetValue<string>())));
        // The whole number, not "0470": the answer's random traceId and import id are hex and
        // held "0470" by chance in one CI run out of many.
        foreach (var cell in new[] { "Mohamed", "Fatima", "Peeters", "0470123456", "Ahmet", "rode jas" })
        {
            Assert.DoesNotContain(cell, body.ToJsonString());
            Assert.DoesNotContain(cell, stored);
        }
        Assert.Equal(0, await app.CountAsync(source));
    }

    [Fact]
    public async Task Intervention_and_area_texts_naming_a_person_are_refused()
    {
        var admin = app.ClientFor("admin");
        var problem = await ProblemAsync(await admin.PostAsync("/api/interventions", Reliability.BadInput.Json(
            $$"""{"name":"clearance","kind":"clearance","pillar":"enforcement","targetArea":{{Reliability.BadInput.Polygon}},"startsAt":"2025-05-01T00:00:00Z","description":"commissaris Jan Peeters leidde de actie"}""")), 422);
        Assert.NotNull(problem["errors"]!["description"]);
        Assert.DoesNotContain("Peeters", problem.ToJsonString());

        var area = await ProblemAsync(await admin.PostAsync("/api/areas", Reliability.BadInput.Json(
            $$"""{"name":"bij Mohamed thuis","geometry":{{Reliability.BadInput.Polygon}}}""")), 422);
        Assert.NotNull(area["errors"]!["name"]);
    }
}
