using System.Text.RegularExpressions;
using SceneMonitor.Api.Features.Displacement;

namespace SceneMonitor.Tests.Integration.Displacement;

/// <summary>The verdict's wording for several fact sets, in the three languages (pure: no database).
/// Expected figures are hand computations from the facts: 2,213 → 651 is a fall of 1,562, and
/// 1,562 / 2,213 = 70.6 % → "71 %"; 990 → 2,047 is a rise of 1,057, 1,057 / 990 = 106.8 % → "107 %".</summary>
public class VerdictComposerTests
{
    private const string Nnbsp = "\u202F", Nbsp = "\u00A0";

    private static readonly Localized Zuid = new("Brussel-Zuid", "Gare du Midi", "Brussels-South station");
    private static readonly Localized Hallepoort = new("Hallepoort", "Porte de Hal", "Porte de Hal / Hallepoort");
    private static readonly Localized Clemenceau = new("Clemenceau", "Clemenceau", "Clemenceau");
    private static readonly Localized Lemonnier = new("Lemonnier", "Lemonnier", "Lemonnier");

    /// <summary>Figures like the demo clearance (docs/user-guide-analyst.md, "Reading a displacement result").</summary>
    private static readonly VerdictFacts Clearance = new()
    {
        Target = new Counts(2213, 651),
        Buffer = new Counts(990, 2047),
        BufferOuter = 500,
        Control = new Counts(9000, 9400),
        WddTotal = new Estimate(-641, -776, -507),
        WdqCode = "displacement_smaller",
        Increases = [new(Clemenceau, 205, 515), new(Lemonnier, 180, 450), new(Hallepoort, 90, 300)],
        Decreases = [new(Zuid, 1931, 605)],
        SensitivityHolds = false,
        PlaceboRank = 1,
        PlaceboOf = 13,
        Swept = true,
        Synthetic = true,
    };

    [Fact]
    public void Clearance_reads_the_same_in_three_languages()
    {
        var v = VerdictComposer.Compose(Clearance)!;
        Assert.Equal("reduction_partly_displaced", v.Code);
        Assert.Equal(
            "Synthetic demo data: these figures illustrate the method and describe no real events. "
            + "In the target area, observations fell by 1,562 (71%), from 2,213 before to 651 after. "
            + "Compared with the control area, the target area and its surroundings together lost about 641 observations: a significant decrease (95% interval: 507 to 776 fewer). "
            + "Significant increases, largest first (possible destinations): Clemenceau (205 → 515), Lemonnier (180 → 450) and Porte de Hal / Hallepoort (90 → 300). "
            + "Significant decreases: Brussels-South station (1,931 → 605). "
            + "In the surroundings (up to 500 m), observations rose by 1,057 (107%), from 990 before to 2,047 after. "
            + "Relative to the control area the surroundings worsened, but by less than the target area gained: a net reduction remains. "
            + "The conclusion changes with the buffer width or the control area: see the sensitivity table. "
            + "Placebo test: the real change is larger than at each of 12 earlier fake dates: a change this large is unusual without an intervention.",
            v.Text.En);
        Assert.Equal(
            "Synthetische demogegevens: deze cijfers illustreren de methode en beschrijven geen echte gebeurtenissen. "
            + "In het doelgebied daalde het aantal waarnemingen met 1.562 (71%), van 2.213 ervoor tot 651 erna. "
            + "Vergeleken met het controlegebied verloren het doelgebied en zijn omgeving samen ongeveer 641 waarnemingen: een significante daling (95%-interval: 507 tot 776 minder). "
            + "Significante stijgingen, de grootste eerst (mogelijke bestemmingen): Clemenceau (205 → 515), Lemonnier (180 → 450) en Hallepoort (90 → 300). "
            + "Significante dalingen: Brussel-Zuid (1.931 → 605). "
            + "In de omgeving (tot 500 m) steeg het aantal waarnemingen met 1.057 (107%), van 990 ervoor tot 2.047 erna. "
            + "Ten opzichte van het controlegebied ging de omgeving erop achteruit, maar minder dan het doelgebied erop vooruitging: netto blijft er een daling over. "
            + "De conclusie hangt af van de bufferbreedte of het controlegebied: zie de gevoeligheidstabel. "
            + "Placebotest: de echte verandering is groter dan op elk van 12 fictieve eerdere datums: zo’n grote verandering is zonder interventie ongewoon.",
            v.Text.Nl);
        Assert.Equal(
            $"Données de démonstration synthétiques{Nbsp}: ces chiffres illustrent la méthode et ne décrivent aucun événement réel. "
            + $"Dans la zone cible, le nombre d’observations a baissé de 1{Nnbsp}562 (71{Nnbsp}%), de 2{Nnbsp}213 avant à 651 après. "
            + $"Par rapport à la zone de contrôle, la zone cible et ses alentours ont perdu ensemble environ 641 observations{Nbsp}: une baisse significative (intervalle à 95{Nnbsp}%{Nbsp}: 507 à 776 de moins). "
            + $"Hausses significatives, les plus fortes d’abord (destinations possibles){Nbsp}: Clemenceau (205 → 515), Lemonnier (180 → 450) et Porte de Hal (90 → 300). "
            + $"Baisses significatives{Nbsp}: Gare du Midi (1{Nnbsp}931 → 605). "
            + $"Dans les alentours (jusqu’à 500{Nbsp}m), le nombre d’observations a augmenté de 1{Nnbsp}057 (107{Nnbsp}%), de 990 avant à 2{Nnbsp}047 après. "
            + $"Par rapport à la zone de contrôle, les alentours se sont dégradés, mais moins que la zone cible ne s’est améliorée{Nbsp}: une baisse nette subsiste. "
            + $"La conclusion dépend de la largeur de la zone tampon ou de la zone de contrôle{Nbsp}: voir le tableau de sensibilité. "
            + $"Test placebo{Nbsp}: le changement réel est plus grand qu’à chacune des 12 fausses dates antérieures{Nbsp}: un changement aussi grand est inhabituel sans intervention.",
            v.Text.Fr);
        Assert.Equal(["increase", "increase", "increase", "decrease"], v.Places.Select(p => p.Change));
        Assert.Equal(Clemenceau, v.Places[0].Name);
        Assert.Equal((205L, 515L), (v.Places[0].Before, v.Places[0].After));
    }

    public static TheoryData<string, VerdictFacts, string> FactSets => new()
    {
        // A clearance whose displacement erased the gain: WDD interval spans 0 (−120 to +300).
        { "erased", Clearance with { WddTotal = new Estimate(90, -120, 300), WdqCode = "displacement_erases", SensitivityHolds = true, PlaceboRank = 5 }, "reduction_erased" },
        // A rise at the target, significant; no buffer, no places known.
        { "rise", new VerdictFacts { Target = new Counts(40, 95), WddTotal = new Estimate(48, 20, 76), Swept = true }, "increase" },
        // Only the target is known: no test, no sweeps (effort caveat).
        { "untested", new VerdictFacts { Target = new Counts(12, 7) }, "target_fell_untested" },
        // Nothing at the target at all, the ITS the only test (not significant), no cell changed.
        { "empty target", new VerdictFacts { Target = new Counts(0, 0), ItsTargetLevel = new Estimate(0.9, 0.6, 1.3), Increases = [], Decreases = [], Swept = true }, "no_observations" },
        // From zero: no percentage; diffusion in the surroundings, ITS significant.
        { "diffusion", new VerdictFacts { Target = new Counts(0, 3), Buffer = new Counts(300, 120), BufferOuter = 1000, WdqCode = "diffusion", ItsTargetLevel = new Estimate(0.4, 0.3, 0.55), Swept = true }, "reduction_with_diffusion" },
        // No target (an area analysis): buffer judged from the growth ratios against the control.
        { "no target", new VerdictFacts { Buffer = new Counts(100, 150), BufferOuter = 250, Control = new Counts(1000, 1000), Increases = [new(Lemonnier, 10, 60)], Swept = true }, "no_target" },
    };

    [Theory]
    [MemberData(nameof(FactSets))]
    public void Every_fact_set_gives_whole_sentences_in_each_language(string name, VerdictFacts facts, string code)
    {
        var v = VerdictComposer.Compose(facts)!;
        Assert.Equal(code, v.Code);
        foreach (var (lang, text) in new[] { ("nl", v.Text.Nl), ("fr", v.Text.Fr), ("en", v.Text.En) })
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{name} {lang}");
            Assert.DoesNotMatch(@"[{}]|NaN|∞|\bnull\b", text);            // no placeholder or missing value left
            Assert.DoesNotMatch(@"(?<![\w])[-−]\s?\d", text);               // figures are magnitudes: direction is in words
            Assert.EndsWith(".", text);
            Assert.Equal(SentenceCount(v.Text.En), SentenceCount(text));   // the same facts told in every language
        }
    }

    [Fact]
    public void Missing_parts_leave_their_sentences_out()
    {
        var v = VerdictComposer.Compose(new VerdictFacts { Target = new Counts(12, 7) })!;
        Assert.Equal(
            "In the target area, observations fell by 5 (42%), from 12 before to 7 after. "
            + "No sweeps were recorded in the study area: the change may partly show where teams looked rather than where the scene was.",
            v.Text.En);
        Assert.Empty(v.Places);
        Assert.Null(VerdictComposer.Compose(new VerdictFacts { Swept = true }));
    }

    [Fact]
    public void Numbers_and_percentages_follow_each_language()
    {
        var facts = new VerdictFacts { Target = new Counts(0, 3), Buffer = new Counts(12345, 1234), BufferOuter = 1000, Swept = true };
        var v = VerdictComposer.Compose(facts)!;
        // 12,345 → 1,234: fell by 11,111, 11,111 / 12,345 = 90.0 %; a rise from 0 has no percentage.
        Assert.Contains("rose from 0 to 3.", v.Text.En);
        Assert.Contains("fell by 11,111 (90%), from 12,345 before to 1,234 after", v.Text.En);
        Assert.Contains("(tot 1.000 m) daalde het aantal waarnemingen met 11.111 (90%), van 12.345 ervoor tot 1.234 erna", v.Text.Nl);
        Assert.Contains($"(jusqu’à 1{Nnbsp}000{Nbsp}m), le nombre d’observations a baissé de 11{Nnbsp}111 (90{Nnbsp}%), de 12{Nnbsp}345 avant à 1{Nnbsp}234 après", v.Text.Fr);
    }

    [Fact]
    public void Not_significant_wdd_and_its_are_told_with_their_interval()
    {
        var v = VerdictComposer.Compose(new VerdictFacts
        {
            Target = new Counts(100, 80), WddTotal = new Estimate(-20, -45.4, 5.2), ItsTargetLevel = new Estimate(0.8, 0.55, 1.1), Swept = true,
        })!;
        Assert.Equal("no_significant_change", v.Code);
        Assert.Contains("the net change in the target area and its surroundings is not significant (95% interval: from 45 fewer to 5 more observations)", v.Text.En);
        Assert.Contains("no clear change of level in the target area (95% interval: 55% to 110% of the expected level)", v.Text.En);
        Assert.Contains("zijn omgeving niet significant (95%-interval: van 45 minder tot 5 meer waarnemingen)", v.Text.Nl);
        Assert.Contains($"n’est pas significative (intervalle à 95{Nnbsp}%{Nbsp}: de 45 de moins à 5 de plus)", v.Text.Fr);
    }

    [Fact]
    public void Placebo_rank_outside_the_extreme_tenth_is_not_called_unusual()
    {
        // 2 of 13 = 0.154 > 0.10; 1 of 13 = 0.077 ≤ 0.10.
        var common = new VerdictFacts { Target = new Counts(10, 5), PlaceboOf = 13, Swept = true };
        Assert.Contains("also occur without an intervention", VerdictComposer.Compose(common with { PlaceboRank = 2 })!.Text.En);
        Assert.Contains("unusual without an intervention", VerdictComposer.Compose(common with { PlaceboRank = 1 })!.Text.En);
        // A short history (7 fake dates, as in the demo): rank 1 is 1/8 > a tenth, yet larger than every fake date.
        Assert.Contains("larger than at each of 7 earlier fake dates: a change this large is unusual", VerdictComposer.Compose(common with { PlaceboRank = 1, PlaceboOf = 8 })!.Text.En);
        Assert.Contains("also occur without an intervention", VerdictComposer.Compose(common with { PlaceboRank = 2, PlaceboOf = 8 })!.Text.En);
    }

    [Fact]
    public void At_most_four_increases_and_three_decreases_are_named()
    {
        var many = Enumerable.Range(1, 6).Select(i => new PlaceChange(new Localized($"P{i}", $"P{i}", $"P{i}"), 1, 10 + i)).ToList();
        var v = VerdictComposer.Compose(new VerdictFacts { Increases = many, Decreases = many, Swept = true })!;
        Assert.Equal(4, v.Places.Count(p => p.Change == "increase"));
        Assert.Equal(3, v.Places.Count(p => p.Change == "decrease"));
        Assert.DoesNotContain("P5", v.Text.En);
    }

    [Fact]
    public void A_place_found_both_rising_and_falling_is_told_where_it_changed_most()
    {
        // Hallepoort: +480 among the increases, −32 among the decreases → told as an increase only.
        var (up, down) = VerdictPlaces.OneDirectionEach(
            [new(Clemenceau, 211, 811), new(Hallepoort, 180, 660)],
            [new(Zuid, 2020, 617), new(Hallepoort, 54, 22)]);
        Assert.Equal([Clemenceau, Hallepoort], up.Select(p => p.Name));
        Assert.Equal([Zuid], down.Select(p => p.Name));
    }

    private static int SentenceCount(string text) => Regex.Matches(text, @"\.(\s|$)").Count;
}
