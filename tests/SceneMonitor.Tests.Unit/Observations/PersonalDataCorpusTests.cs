using SceneMonitor.Core.Observations;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Unit.Observations;

/// <summary>Realistic notes in Dutch, French and English: notes about places and traces must be
/// stored, notes that name, describe or give the contact details of a person must be refused, also
/// when the data is disguised (spaces, full-width or zero-width characters, look-alike letters, "(at)").</summary>
public class PersonalDataCorpusTests
{
    public static readonly TheoryData<string> PlaceNotes = [.. NoteCorpus.PlaceNotes];

    public static readonly TheoryData<string, string> PersonNotes = NoteCorpus.PersonNotes.Aggregate(new TheoryData<string, string>(), (d, n) => { d.Add(n.Note, n.Kind); return d; });

    [Theory]
    [MemberData(nameof(PlaceNotes))]
    public void Notes_about_places_and_traces_are_stored(string note) =>
        Assert.Null(PersonalDataScanner.Scan(note));

    [Theory]
    [MemberData(nameof(PersonNotes))]
    public void Notes_about_persons_are_refused(string note, string kind) =>
        Assert.Equal(kind, PersonalDataScanner.Scan(note)?.Kind);

    [Fact]
    public void The_corpus_is_large_enough() =>
        Assert.True(NoteCorpus.PlaceNotes.Length >= 30 && NoteCorpus.PersonNotes.Length >= 30, $"{NoteCorpus.PlaceNotes.Length} place notes, {NoteCorpus.PersonNotes.Length} person notes");

    [Fact]
    public void The_demo_data_notes_are_stored() =>
        Assert.All(SceneMonitor.Core.Demo.DemoScenario.PlaceNotes, note => Assert.Null(PersonalDataScanner.Scan(note)));

    [Fact]
    public void A_message_says_what_was_found_and_never_repeats_the_note()
    {
        // One fixed message per kind, whatever the note: nothing of the text can be in it.
        var findings = NoteCorpus.PersonNotes.Select(n => PersonalDataScanner.Scan(n.Note)!).ToList();
        foreach (var kind in findings.GroupBy(f => f.Kind))
            Assert.Single(kind.Select(f => f.Message).Distinct());
        Assert.All(findings, f => Assert.Contains("describe places and traces, never people", f.Message));
    }

    [Fact]
    public void The_name_list_is_an_open_data_file_covering_the_communities_of_Brussels()
    {
        Assert.True(NameList.Default.Count > 500, $"{NameList.Default.Count} names");
        foreach (var name in new[] { "jan", "sophie", "mohamed", "fatima", "mehmet", "ayse", "piotr", "ionut", "joao", "javier", "giuseppe", "arben", "dieudonne" })
            Assert.NotNull(NameList.Default.Lookup(name));
        var extended = NameList.Parse(["Wannes", "~Lente"]);
        Assert.Equal(false, extended.Lookup("wannes"));
        Assert.Equal(true, extended.Lookup("lente"));
    }

    [Fact]
    public void Lone_surrogates_and_long_texts_do_not_throw()
    {
        Assert.Null(PersonalDataScanner.Scan("\ud800 spuiten"));
        Assert.Null(PersonalDataScanner.Scan(string.Concat(Enumerable.Repeat("spuiten ", 10_000))));
    }
}
