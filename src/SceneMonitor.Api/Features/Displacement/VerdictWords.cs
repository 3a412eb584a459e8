using System.Globalization;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>The verdict's sentences in one language. Numbers are written as the page writes them
/// (Intl with nl-BE, fr-BE, en-GB): 1.234 and 71% in Dutch, 1 234 and 71 % in French (narrow
/// no-break spaces), 1,234 and 71% in English. Written out here rather than taken from .NET
/// cultures because the app runs with invariant globalization.</summary>
public abstract class VerdictWords
{
    public static readonly VerdictWords Nl = new Dutch(), Fr = new French(), En = new English();

    protected abstract string Group { get; }
    protected abstract string PercentSign { get; }
    protected abstract string And { get; }
    public abstract string Name(Localized name);

    /// <summary>A whole number with the language's thousands separator (the magnitude: signs are words).</summary>
    public string N(double value) =>
        Math.Abs(Math.Round(value)).ToString("#,0", CultureInfo.InvariantCulture).Replace(",", Group, StringComparison.Ordinal);

    /// <summary>A percentage of a whole (0.71 → 71 %), at least 1 % when not zero.</summary>
    public string Percent(double fraction)
    {
        var p = Math.Abs(fraction) * 100;
        return N(p > 0 && p < 0.5 ? 1 : p) + PercentSign;
    }

    /// <summary>Places as "A (205 → 515), B (…) and C (…)".</summary>
    public string List(IEnumerable<PlaceChange> places)
    {
        var items = places.Select(p => $"{Name(p.Name)} ({N(p.Before)} → {N(p.After)})").ToList();
        return items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.SkipLast(1))} {And} {items[^1]}";
    }

    /// <summary>How much the count changed, relative to before: "(71 %)", or nothing from 0.</summary>
    protected string Relative(Counts c) => c.Before > 0 ? $" ({Percent((double)(c.After - c.Before) / c.Before)})" : "";

    public abstract string Synthetic();
    /// <summary>The target area's (outer null) or the surroundings' (up to outer metres) counts.</summary>
    public abstract string AreaChange(double? outer, Counts c);
    public abstract string Wdd(Estimate total);
    public abstract string Its(Estimate level);
    public abstract string Increases(string list, bool targetFell);
    public abstract string NoIncreases();
    public abstract string Decreases(string list);
    public abstract string Judgement(VerdictComposer.Judgement judgement);
    public abstract string Sensitivity(bool holds);
    public abstract string Placebo(int rank, int of, bool unusual);
    public abstract string NoSweeps();

    private sealed class English : VerdictWords
    {
        protected override string Group => ",";
        protected override string PercentSign => "%";
        protected override string And => "and";
        public override string Name(Localized name) => name.En;

        public override string Synthetic() => "Synthetic demo data: these figures illustrate the method and describe no real events.";

        public override string AreaChange(double? outer, Counts c)
        {
            var where = outer is { } m ? $"In the surroundings (up to {N(m)} m)" : "In the target area";
            if (c.Before == 0 && c.After == 0) return $"{where} there were no observations in either period.";
            if (c.Before == c.After) return $"{where}, observations stayed at {N(c.Before)}.";
            var verb = c.After < c.Before ? "fell" : "rose";
            return c.Before == 0
                ? $"{where}, observations rose from 0 to {N(c.After)}."
                : $"{where}, observations {verb} by {N(c.After - c.Before)}{Relative(c)}, from {N(c.Before)} before to {N(c.After)} after.";
        }

        public override string Wdd(Estimate t) =>
            t.High < 0 ? $"Compared with the control area, the target area and its surroundings together lost about {N(t.Value)} observations: a significant decrease (95% interval: {N(t.High)} to {N(t.Low)} fewer)."
            : t.Low > 0 ? $"Compared with the control area, the target area and its surroundings together gained about {N(t.Value)} observations: a significant increase (95% interval: {N(t.Low)} to {N(t.High)} more)."
            : $"Compared with the control area, the net change in the target area and its surroundings is not significant (95% interval: from {N(t.Low)} fewer to {N(t.High)} more observations).";

        public override string Its(Estimate l) =>
            l.High < 1 || l.Low > 1
                ? $"In the weekly series, the level in the target area {(l.High < 1 ? "dropped" : "rose")} to {Percent(l.Value)} of what the earlier trend predicted (95% interval: {Percent(l.Low)} to {Percent(l.High)})."
                : $"The weekly series shows no clear change of level in the target area (95% interval: {Percent(l.Low)} to {Percent(l.High)} of the expected level).";

        public override string Increases(string list, bool targetFell) =>
            targetFell ? $"Significant increases, largest first (possible destinations): {list}." : $"Significant increases, largest first: {list}.";
        public override string NoIncreases() => "No cell of the study area rose significantly.";
        public override string Decreases(string list) => $"Significant decreases: {list}.";

        public override string Judgement(VerdictComposer.Judgement j) => j switch
        {
            VerdictComposer.Judgement.NetReductionRemains => "Relative to the control area the surroundings worsened, but by less than the target area gained: a net reduction remains.",
            VerdictComposer.Judgement.GainErased => "Relative to the control area the surroundings worsened by as much as or more than the target area gained: the displacement erases the gain.",
            VerdictComposer.Judgement.BenefitSpread => "Relative to the control area the surroundings improved as well: the benefit spread beyond the target area.",
            VerdictComposer.Judgement.Worsened => "Relative to the control area the surroundings worsened.",
            VerdictComposer.Judgement.Improved => "Relative to the control area the surroundings improved.",
            _ => "Relative to the control area the surroundings did not change.",
        };

        public override string Sensitivity(bool holds) => holds
            ? "The conclusion holds for every buffer width and control area tested."
            : "The conclusion changes with the buffer width or the control area: see the sensitivity table.";

        public override string Placebo(int rank, int of, bool unusual) =>
            (rank == 1 ? $"Placebo test: the real change is larger than at each of {N(of - 1)} earlier fake dates: "
                : $"Placebo test: among {N(of)} dates (the real one and {N(of - 1)} earlier fake dates), the real change ranks {N(rank)}: ")
            + (unusual ? "a change this large is unusual without an intervention." : "changes this large also occur without an intervention.");

        public override string NoSweeps() =>
            "No sweeps were recorded in the study area: the change may partly show where teams looked rather than where the scene was.";
    }

    private sealed class Dutch : VerdictWords
    {
        protected override string Group => ".";
        protected override string PercentSign => "%";
        protected override string And => "en";
        public override string Name(Localized name) => name.Nl;

        public override string Synthetic() => "Synthetische demogegevens: deze cijfers illustreren de methode en beschrijven geen echte gebeurtenissen.";

        public override string AreaChange(double? outer, Counts c)
        {
            var where = outer is { } m ? $"In de omgeving (tot {N(m)} m)" : "In het doelgebied";
            if (c.Before == 0 && c.After == 0) return $"{where} waren er in geen van beide periodes waarnemingen.";
            if (c.Before == c.After) return $"{where} bleef het aantal waarnemingen gelijk: {N(c.Before)}.";
            var verb = c.After < c.Before ? "daalde" : "steeg";
            return c.Before == 0
                ? $"{where} steeg het aantal waarnemingen van 0 tot {N(c.After)}."
                : $"{where} {verb} het aantal waarnemingen met {N(c.After - c.Before)}{Relative(c)}, van {N(c.Before)} ervoor tot {N(c.After)} erna.";
        }

        public override string Wdd(Estimate t) =>
            t.High < 0 ? $"Vergeleken met het controlegebied verloren het doelgebied en zijn omgeving samen ongeveer {N(t.Value)} waarnemingen: een significante daling (95%-interval: {N(t.High)} tot {N(t.Low)} minder)."
            : t.Low > 0 ? $"Vergeleken met het controlegebied kregen het doelgebied en zijn omgeving samen ongeveer {N(t.Value)} waarnemingen meer: een significante stijging (95%-interval: {N(t.Low)} tot {N(t.High)} meer)."
            : $"Vergeleken met het controlegebied is de netto verandering in het doelgebied en zijn omgeving niet significant (95%-interval: van {N(t.Low)} minder tot {N(t.High)} meer waarnemingen).";

        public override string Its(Estimate l) =>
            l.High < 1 || l.Low > 1
                ? $"In de wekelijkse reeks {(l.High < 1 ? "zakte" : "steeg")} het niveau in het doelgebied tot {Percent(l.Value)} van wat de trend ervoor voorspelde (95%-interval: {Percent(l.Low)} tot {Percent(l.High)})."
                : $"De wekelijkse reeks toont geen duidelijke verandering van het niveau in het doelgebied (95%-interval: {Percent(l.Low)} tot {Percent(l.High)} van het verwachte niveau).";

        public override string Increases(string list, bool targetFell) =>
            targetFell ? $"Significante stijgingen, de grootste eerst (mogelijke bestemmingen): {list}." : $"Significante stijgingen, de grootste eerst: {list}.";
        public override string NoIncreases() => "Geen enkele cel van het studiegebied steeg significant.";
        public override string Decreases(string list) => $"Significante dalingen: {list}.";

        public override string Judgement(VerdictComposer.Judgement j) => j switch
        {
            VerdictComposer.Judgement.NetReductionRemains => "Ten opzichte van het controlegebied ging de omgeving erop achteruit, maar minder dan het doelgebied erop vooruitging: netto blijft er een daling over.",
            VerdictComposer.Judgement.GainErased => "Ten opzichte van het controlegebied ging de omgeving er minstens evenveel op achteruit als het doelgebied erop vooruitging: de verplaatsing doet de winst teniet.",
            VerdictComposer.Judgement.BenefitSpread => "Ten opzichte van het controlegebied verbeterde ook de omgeving: het effect straalde uit buiten het doelgebied.",
            VerdictComposer.Judgement.Worsened => "Ten opzichte van het controlegebied ging de omgeving erop achteruit.",
            VerdictComposer.Judgement.Improved => "Ten opzichte van het controlegebied verbeterde de omgeving.",
            _ => "Ten opzichte van het controlegebied veranderde de omgeving niet.",
        };

        public override string Sensitivity(bool holds) => holds
            ? "De conclusie blijft overeind voor elke geteste bufferbreedte en elk getest controlegebied."
            : "De conclusie hangt af van de bufferbreedte of het controlegebied: zie de gevoeligheidstabel.";

        public override string Placebo(int rank, int of, bool unusual) =>
            (rank == 1 ? $"Placebotest: de echte verandering is groter dan op elk van {N(of - 1)} fictieve eerdere datums: "
                : $"Placebotest: van {N(of)} datums (de echte en {N(of - 1)} fictieve eerdere datums) staat de echte verandering op plaats {N(rank)}: ")
            + (unusual ? "zo’n grote verandering is zonder interventie ongewoon." : "zulke veranderingen komen ook zonder interventie voor.");

        public override string NoSweeps() =>
            "In het studiegebied zijn geen rondes (sweeps) geregistreerd: de verandering kan deels tonen waar teams zochten, niet waar de scène was.";
    }

    private sealed class French : VerdictWords
    {
        private const string Nbsp = "\u00A0";
        protected override string Group => "\u202F";
        protected override string PercentSign => "\u202F%";
        protected override string And => "et";
        public override string Name(Localized name) => name.Fr;

        public override string Synthetic() => $"Données de démonstration synthétiques{Nbsp}: ces chiffres illustrent la méthode et ne décrivent aucun événement réel.";

        public override string AreaChange(double? outer, Counts c)
        {
            var where = outer is { } m ? $"Dans les alentours (jusqu’à {N(m)}{Nbsp}m)" : "Dans la zone cible";
            if (c.Before == 0 && c.After == 0) return $"{where}, aucune observation n’a été faite, ni avant ni après.";
            if (c.Before == c.After) return $"{where}, le nombre d’observations est resté stable{Nbsp}: {N(c.Before)}.";
            var verb = c.After < c.Before ? "a baissé" : "a augmenté";
            return c.Before == 0
                ? $"{where}, le nombre d’observations est passé de 0 à {N(c.After)}."
                : $"{where}, le nombre d’observations {verb} de {N(c.After - c.Before)}{Relative(c)}, de {N(c.Before)} avant à {N(c.After)} après.";
        }

        private string Interval => $"intervalle à {N(95)}{PercentSign}{Nbsp}:";

        public override string Wdd(Estimate t) =>
            t.High < 0 ? $"Par rapport à la zone de contrôle, la zone cible et ses alentours ont perdu ensemble environ {N(t.Value)} observations{Nbsp}: une baisse significative ({Interval} {N(t.High)} à {N(t.Low)} de moins)."
            : t.Low > 0 ? $"Par rapport à la zone de contrôle, la zone cible et ses alentours ont gagné ensemble environ {N(t.Value)} observations{Nbsp}: une hausse significative ({Interval} {N(t.Low)} à {N(t.High)} de plus)."
            : $"Par rapport à la zone de contrôle, la variation nette de la zone cible et de ses alentours n’est pas significative ({Interval} de {N(t.Low)} de moins à {N(t.High)} de plus).";

        public override string Its(Estimate l) =>
            l.High < 1 || l.Low > 1
                ? $"Dans la série hebdomadaire, le niveau de la zone cible {(l.High < 1 ? "est tombé" : "est monté")} à {Percent(l.Value)} de ce que prévoyait la tendance antérieure ({Interval} {Percent(l.Low)} à {Percent(l.High)})."
                : $"La série hebdomadaire ne montre pas de changement net du niveau de la zone cible ({Interval} {Percent(l.Low)} à {Percent(l.High)} du niveau attendu).";

        public override string Increases(string list, bool targetFell) =>
            targetFell ? $"Hausses significatives, les plus fortes d’abord (destinations possibles){Nbsp}: {list}." : $"Hausses significatives, les plus fortes d’abord{Nbsp}: {list}.";
        public override string NoIncreases() => "Aucune cellule de la zone d’étude n’a augmenté de façon significative.";
        public override string Decreases(string list) => $"Baisses significatives{Nbsp}: {list}.";

        public override string Judgement(VerdictComposer.Judgement j) => j switch
        {
            VerdictComposer.Judgement.NetReductionRemains => $"Par rapport à la zone de contrôle, les alentours se sont dégradés, mais moins que la zone cible ne s’est améliorée{Nbsp}: une baisse nette subsiste.",
            VerdictComposer.Judgement.GainErased => $"Par rapport à la zone de contrôle, les alentours se sont dégradés au moins autant que la zone cible ne s’est améliorée{Nbsp}: le déplacement annule le gain.",
            VerdictComposer.Judgement.BenefitSpread => $"Par rapport à la zone de contrôle, les alentours se sont aussi améliorés{Nbsp}: le bénéfice s’est étendu au-delà de la zone cible.",
            VerdictComposer.Judgement.Worsened => "Par rapport à la zone de contrôle, les alentours se sont dégradés.",
            VerdictComposer.Judgement.Improved => "Par rapport à la zone de contrôle, les alentours se sont améliorés.",
            _ => "Par rapport à la zone de contrôle, les alentours n’ont pas changé.",
        };

        public override string Sensitivity(bool holds) => holds
            ? "La conclusion tient pour toutes les largeurs de zone tampon et toutes les zones de contrôle testées."
            : $"La conclusion dépend de la largeur de la zone tampon ou de la zone de contrôle{Nbsp}: voir le tableau de sensibilité.";

        public override string Placebo(int rank, int of, bool unusual) =>
            (rank == 1 ? $"Test placebo{Nbsp}: le changement réel est plus grand qu’à chacune des {N(of - 1)} fausses dates antérieures{Nbsp}: "
                : $"Test placebo{Nbsp}: parmi {N(of)} dates (la vraie et {N(of - 1)} fausses dates antérieures), le changement réel se classe au rang {N(rank)}{Nbsp}: ")
            + (unusual ? "un changement aussi grand est inhabituel sans intervention." : "des changements de cette taille surviennent aussi sans intervention.");

        public override string NoSweeps() =>
            $"Aucune tournée (sweep) n’a été enregistrée dans la zone d’étude{Nbsp}: le changement peut refléter en partie l’endroit où les équipes ont cherché plutôt que celui où se trouvait la scène.";
    }
}
