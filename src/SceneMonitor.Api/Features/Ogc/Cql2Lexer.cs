using System.Globalization;
using System.Text;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>A CQL2-text filter that cannot be read or refers to something the collection does not offer.</summary>
public sealed class Cql2Exception(string message) : Exception(message);

public enum Cql2TokenKind { Identifier, QuotedIdentifier, String, Number, Symbol, End }

public readonly record struct Cql2Token(Cql2TokenKind Kind, string Text, int Position)
{
    public bool IsKeyword(string keyword) => Kind == Cql2TokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);
    public bool IsSymbol(string symbol) => Kind == Cql2TokenKind.Symbol && Text == symbol;
    public override string ToString() => Kind == Cql2TokenKind.End ? "the end of the filter" : $"'{Text}' at position {Position + 1}";
}

/// <summary>Splits CQL2-text into tokens: identifiers (plain or "double-quoted"), 'strings' with ''
/// escapes, numbers and the comparison symbols.</summary>
public static class Cql2Lexer
{
    public const int MaxLength = 20_000;

    public static List<Cql2Token> Tokenise(string text)
    {
        if (text.Length > MaxLength) throw new Cql2Exception($"is {text.Length} characters long; at most {MaxLength} are accepted");
        var tokens = new List<Cql2Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (c == '\'' || c == '"')
            {
                var value = ReadQuoted(text, ref i, c);
                tokens.Add(new(c == '\'' ? Cql2TokenKind.String : Cql2TokenKind.QuotedIdentifier, value, start));
            }
            else if (char.IsDigit(c) || ((c is '-' or '+' or '.') && i + 1 < text.Length && (char.IsDigit(text[i + 1]) || text[i + 1] == '.')))
            {
                i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '.' or 'e' or 'E' ||
                       (text[i] is '-' or '+' && text[i - 1] is 'e' or 'E'))) i++;
                var number = text[start..i];
                if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    throw new Cql2Exception($"'{number}' at position {start + 1} is not a number");
                if (!double.IsFinite(value)) throw new Cql2Exception($"'{number}' at position {start + 1} is beyond the range of numbers");
                tokens.Add(new(Cql2TokenKind.Number, number, start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or ':')) i++;
                tokens.Add(new(Cql2TokenKind.Identifier, text[start..i], start));
            }
            else if (c is '<' or '>')
            {
                i++;
                if (i < text.Length && (text[i] == '=' || (c == '<' && text[i] == '>'))) i++;
                tokens.Add(new(Cql2TokenKind.Symbol, text[start..i], start));
            }
            else if (c is '=' or '(' or ')' or ',')
            {
                i++;
                tokens.Add(new(Cql2TokenKind.Symbol, c.ToString(), start));
            }
            else throw new Cql2Exception($"unexpected character '{c}' at position {start + 1}");
        }
        tokens.Add(new(Cql2TokenKind.End, "", text.Length));
        return tokens;
    }

    private static string ReadQuoted(string text, ref int i, char quote)
    {
        var start = i++;
        var value = new StringBuilder();
        while (true)
        {
            if (i >= text.Length) throw new Cql2Exception($"the quote opened at position {start + 1} is not closed");
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote) { value.Append(quote); i += 2; continue; }
                i++;
                return value.ToString();
            }
            value.Append(text[i++]);
        }
    }
}
