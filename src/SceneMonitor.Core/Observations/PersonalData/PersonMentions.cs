using System.Text.RegularExpressions;

namespace SceneMonitor.Core.Observations;

/// <summary>Names and descriptions of persons in Dutch, French and English. A name is a word of
/// <see cref="NameList"/> that is not part of a street or station name. A description is a person
/// word (man, vrouw, femme, guy…) together with an age, clothing, build, appearance or origin, or a
/// gendered person word together with what the person does (slaapt, dort, selling…); an explicit age
/// ("ca. 40 jaar"), a pregnancy or a wearing verb with clothing count on their own. Notes about
/// places and traces use none of these ("12 spuiten bij de ingang", "pipe près du banc").</summary>
public static partial class PersonMentions
{
    private readonly record struct Token(string Text, string Folded, bool SentenceStart, bool AfterNumber);

    public static PersonalDataScanner.Finding? Find(string text) => Find(text, NameList.Default);

    public static PersonalDataScanner.Finding? Find(string text, NameList names)
    {
        var tokens = Tokenise(text);
        if (NamedPerson().IsMatch(text) || HasName(tokens, names, allCaps: !text.Any(char.IsLower)))
            return PersonalDataScanner.Name();
        return IsDescription(ScanText.Fold(text), tokens) ? PersonalDataScanner.Description() : null;
    }

    private static List<Token> Tokenise(string text)
    {
        var tokens = new List<Token>();
        foreach (Match m in Word().Matches(text))
        {
            var before = text.AsSpan(0, m.Index).TrimEnd();
            var start = before.IsEmpty || before[^1] is '.' or '!' or '?' or ':' or ';' or '\n' or '"' or '(' or '-' or '•';
            tokens.Add(new Token(m.Value, ScanText.Fold(m.Value), start, !before.IsEmpty && char.IsAsciiDigit(before[^1])));
        }
        return tokens;
    }

    private static bool HasName(List<Token> tokens, NameList names, bool allCaps)
    {
        var skip = PlaceSpans(tokens, names);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (skip.Contains(i)) continue;
            var t = tokens[i];
            if (i + 1 < tokens.Count && Titles.Contains(t.Folded) && char.IsUpper(tokens[i + 1].Text[0]) && !PlaceWords.Contains(tokens[i + 1].Folded)) return true;
            if (NameOf(t.Folded, names) is not { } ambiguous) continue;
            if (AfterPlaceWord(tokens, i) || BeforePlaceWord(tokens, i, names) || IsMonth(tokens, i)) continue;
            if (!ambiguous) return true;
            var capitalised = char.IsUpper(t.Text[0]) && !allCaps;
            var fullName = capitalised && i + 1 < tokens.Count && char.IsUpper(tokens[i + 1].Text[0]) && !PlaceWords.Contains(tokens[i + 1].Folded);
            if (capitalised && (!t.SentenceStart || fullName)) return true;
        }
        return false;
    }

    /// <summary>Null when the word is no name; a hyphenated word is a name when every part is one.</summary>
    private static bool? NameOf(string folded, NameList names)
    {
        if (names.Lookup(Unelided(folded)) is { } whole) return whole;
        if (!folded.Contains('-')) return null;
        var ambiguous = true;
        foreach (var part in folded.Split('-'))
        {
            if (names.Lookup(Unelided(part)) is not { } a) return null;
            ambiguous &= a;
        }
        return ambiguous;
    }

    private static string Unelided(string word) => word.Length > 2 && word[1] == '\'' ? word[2..] : word;

    // Tokens that belong to a listed place ("Jacques Brel").
    private static HashSet<int> PlaceSpans(List<Token> tokens, NameList names)
    {
        var skip = new HashSet<int>();
        foreach (var place in names.Places)
            for (var i = 0; i + place.Length <= tokens.Count; i++)
                if (place.Select((w, k) => tokens[i + k].Folded == w).All(x => x))
                    for (var k = 0; k < place.Length; k++) skip.Add(i + k);
        return skip;
    }

    // "rue Jean Volders", "metro Louise", "place du Roi Albert", "Sint-Jan": the name is a place's.
    private static bool AfterPlaceWord(List<Token> tokens, int i)
    {
        for (var j = i - 1; j >= 0 && j >= i - 5; j--)
        {
            var w = tokens[j].Folded;
            if (PlaceWords.Contains(w)) return true;
            if (!Connectors.Contains(w) && NameOf(w, NameList.Default) is null) return false;
        }
        return false;
    }

    // "Louise station", "Albert tunnel" (names in a row are skipped: "Jacques Brel station").
    private static bool BeforePlaceWord(List<Token> tokens, int i, NameList names)
    {
        for (var j = i + 1; j < tokens.Count && j <= i + 3; j++)
        {
            if (PlaceWords.Contains(tokens[j].Folded)) return true;
            if (char.IsLower(tokens[j].Text[0]) || NameOf(tokens[j].Folded, names) is null && j > i + 1) return false;
        }
        return false;
    }

    // "3 jan", "15 may": a date, not a name.
    private static bool IsMonth(List<Token> tokens, int i) => tokens[i].AfterNumber && Months.Contains(tokens[i].Folded);

    private static bool IsDescription(string folded, List<Token> tokens)
    {
        var words = tokens.Select(t => t.Folded).ToHashSet();
        bool Any(HashSet<string> set) => words.Overlaps(set);
        bool AnyPart(HashSet<string> set) => tokens.Any(t => t.Folded.Split('-').Any(set.Contains));

        if (Any(AloneWords) || AgeAlone().IsMatch(folded)) return true;
        var clothing = AnyPart(Clothing) || tokens.Any(t => ClothingSuffixes.Any(s => t.Folded.Length > s.Length + 2 && t.Folded.EndsWith(s, StringComparison.Ordinal)));
        if (clothing && Any(Wearing)) return true;
        var appearance = AnyPart(Appearance) || AgeQualifier().IsMatch(folded);
        // Sizes, colours and "old"/"young" also describe things ("grote groep mensen", "black bags",
        // "oude spuiten"): they count only next to a word that is a person by itself.
        if (Any(Gendered) && (clothing || appearance || Any(Origin) || AnyPart(Build) || Any(SkinColour) || Any(AgeAdjectives) || Any(Activity))) return true;
        if (Any(People) && (clothing || appearance || Any(Origin))) return true;
        return Any(Pronouns) && appearance;
    }

    [GeneratedRegex(@"\p{L}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(named|called|genaamd|heet|nommée?|appelée?|s'appelle|surnommée?|bijnaam|alias|a\.k\.a\.?|dite?)\s+\p{L}", RegexOptions.IgnoreCase)]
    private static partial Regex NamedPerson();

    // An age said as such: "ca. 40 jaar", "± 30 ans", "25 years old", "âgé de 40", "leeftijd 30".
    [GeneratedRegex(@"(?:\b(?:ca\.?|circa|ong\.?|ongeveer|plusminus|environ|env\.?|about|around|approx\.?|roughly)|[±~]|\+/-)\s*[1-9]\d\s*(?:jaar|jr|ans|years?|yrs?)\b|\b\d{1,2}\s*(?:jaar oud|years? old|-year-old|yo|y/o|-?jarigen?)\b|\b(?:age[de]?s?(?: de)?|leeftijd|age:?)\s*:?\s*(?:ca\.?|±|~)?\s*\d{1,2}\b|\b\d{1,2}\s*ans\s*(?:environ|a peu pres)\b")]
    private static partial Regex AgeAlone();

    // An age that describes a person only next to a person word: "40 jaar", "dans la quarantaine", "in his 40s".
    [GeneratedRegex(@"(?<!\b(?:al|sinds|sedert|depuis|since|for|pendant|gedurende|voor|over|in|dans|within|na|apres|after|last|laatste|derniers?)\s+)\b\d{1,2}\s*(?:jaar|jr|ans|years?|yrs?)\b|\b(?:vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|twenties|thirties|forties|fifties|sixties)\b|\bin (?:de|zijn|haar|his|her|their) (?:twintig|dertig|veertig|vijftig|zestig|\d0)|\b\d0s\b")]
    private static partial Regex AgeQualifier();

    private static HashSet<string> Set(string words) => [.. words.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Person words with a gender or an age, which describe a person also with a verb of activity.</summary>
    private static readonly HashSet<string> Gendered = Set(
        "man mannen vrouw vrouwen jongen jongens meisje meisjes jongeman jongemannen kerel kerels gast gasten vent venten knul knullen " +
        "heer meneer dame dames mevrouw tiener tieners puber pubers jongere jongeren oudere bejaarde iemand persoon personen " +
        "homme hommes femme femmes garcon garcons fille filles jeune jeunes gars mec mecs meuf meufs nana nanas monsieur madame " +
        "mademoiselle ado ados adolescent adolescente adolescents individu individus quelqu'un personne vieux vieille " +
        "guy guys woman women boy boys girl girls lady ladies gentleman bloke lad lads teen teens teenager teenagers youth youths " +
        "someone somebody person individual");

    /// <summary>Other person words (roles, groups): a person only with an age, clothing, build or appearance.</summary>
    private static readonly HashSet<string> People = Set(
        "mensen kind kinderen dealer dealers gebruiker gebruikers bewoner bewoners dakloze daklozen klant klanten " +
        "gens enfant enfants usager usagers consommateur consommateurs consommatrice client clients dealeur dealeurs sdf sans-abri " +
        "people kid kids child children user users customer customers resident residents homeless");

    private static readonly HashSet<string> Pronouns = Set("hij zij he she him il elle lui");

    private static readonly HashSet<string> AloneWords = Set(
        "zwanger zwangere enceinte enceintes pregnant twintiger dertiger veertiger vijftiger zestiger minderjarige minderjarigen " +
        "vingtenaire trentenaire quadragenaire quinquagenaire sexagenaire mineur mineure mineurs mineures underage minor minors");

    private static readonly HashSet<string> Wearing = Set(
        "draagt droeg dragen gekleed aangekleed porte portait portant portent habille habillee vetu vetue wearing wears wore dressed");

    private static readonly HashSet<string> Clothing = Set(
        "jas jasje jack vest trui hoodie sweater broek jeans jogging trainingspak pet muts hoed kap capuchon schoenen sneakers laarzen " +
        "sjaal hoofddoek rok jurk t-shirt shirt hemd rugzak bril zonnebril " +
        "veste blouson manteau pull sweat capuche pantalon jean survetement casquette bonnet chapeau chaussures baskets bottes " +
        "echarpe foulard voile jupe robe chemise lunettes doudoune parka " +
        "jacket coat jumper trousers pants tracksuit cap beanie hat shoes trainers boots scarf headscarf skirt dress backpack " +
        "glasses sunglasses hood puffer");

    private static readonly string[] ClothingSuffixes = ["jas", "broek", "trui", "muts", "schoenen", "laarzen", "jack", "jasje"];

    private static readonly HashSet<string> Appearance = Set(
        "baard snor kaal blond blonde krullen dreadlocks tattoo tattoos tatoeage tatoeages piercing piercings litteken haren kapsel " +
        "rolstoel kruk krukken mank barbe moustache chauve cheveux tatouage tatouages tatoue cicatrice fauteuil bequilles " +
        "beard bearded bald hair tattooed scar wheelchair crutches limp limps limping ginger redhead brunette");

    private static readonly HashSet<string> Build = Set(
        "groot grote klein kleine dik dikke dun dunne mager magere slank slanke gespierd gespierde stevig stevige tenger lang lange " +
        "grand grande petit petite gros grosse mince maigre costaud musclé muscle " +
        "tall short fat thin skinny slim stocky heavy muscular big small");

    private static readonly HashSet<string> AgeAdjectives = Set("jong jonge young oud oude old vieux vieille age agee elderly bejaard");

    private static readonly HashSet<string> SkinColour = Set("zwart zwarte blank blanke getint getinte donker donkere noir noire noirs blanc blanche blancs black white");

    private static readonly HashSet<string> Origin = Set(
        "noord-afrikaans noord-afrikaanse marokkaans marokkaanse turks turkse " +
        "afrikaans afrikaanse oost-europees oost-europese roemeens roemeense pools poolse arabisch arabische aziatisch aziatische " +
        "metis maghrebin maghrebine africain africaine arabe roumain roumaine polonais " +
        "polonaise asiatique europeen europeenne african arab moroccan turkish romanian polish asian eastern-european " +
        "accent");

    private static readonly HashSet<string> Activity = Set(
        "slaapt slapen sliep sliepen ligt liggen lag lagen zit zitten zat zaten staat staan stond stonden loopt lopen liep rookt roken " +
        "rookte dealt dealen dealde verkoopt verkopen verkocht gebruikt gebruiken injecteert injecteren shoot shooten woont wonen " +
        "bedelt bedelen drinkt drinken dronk schreeuwt roept vecht vechten plast plassen urineert hangt hangen wacht wachten praat " +
        "spreekt slaat steelt bedreigt viel " +
        "dort dorment dormait couche couchee couches allonge allongee assis assise debout fume fument fumait vend vendent vendait " +
        "deale dealent consomme consomment injecte injectent shoote mendie mendient boit boivent crie crient urinent pisse " +
        "traine trainent habite habitent vit vivent attend attendent marche court parle parlent agresse menace vole squatte squattent " +
        "sleeps sleeping slept lying sits sitting sat stands standing stood walks walking smokes smoking smoked sells selling sold " +
        "deals dealing uses using injects injecting shooting lives living begs begging drinks drinking shouts shouting yelling " +
        "fights fighting pees peeing urinating hangs hanging loitering waits waiting talks talking squatting threatens steals");

    private static readonly HashSet<string> Titles = Set("meneer mevrouw mevr dhr mr mrs ms miss monsieur madame mme mlle mister");

    private static readonly HashSet<string> PlaceWords = Set(
        "rue avenue av boulevard bd bld chaussee place pl square sq parc parvis quai impasse allee drève dreve galerie passage " +
        "pont tunnel porte gare station metro premetro tram bus arret halte straat str laan lei plein plaats park steenweg kaai " +
        "poort brug tunnel dreef hof markt marche ecole school eglise kerk hopital ziekenhuis clinique kliniek institut instituut " +
        "college athenee lycee centre centrum maison huis residence home foyer stade stadion saint sainte st ste sint street road " +
        "lane church hospital bridge gate parking garage galerij shopping cite wijk quartier statue standbeeld monument");

    // Skipped between a place word and the name: "place du Roi Albert", "Boulevard du Régent".
    private static readonly HashSet<string> Connectors = Set(
        "de la du des d' l' le les van der den het te ter of the roi koning reine koningin prince prins princesse prinses general " +
        "generaal docteur dokter dr abbe comte graaf baron president burgemeester bourgmestre");

    private static readonly HashSet<string> Months = Set("jan june juni august augustus avril april mai may");
}
