using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>Compiles CQL2-text (OGC API – Features Part 3, basic CQL2 with TRUE/FALSE, plus LIKE, BETWEEN,
/// IN and S_INTERSECTS with every WKT geometry type, multi-geometries and collections included) to a parameterised SQL condition by recursive descent. Property names are looked up
/// in the collection's queryables (nothing else can be named) and map to fixed SQL; every literal
/// becomes a typed parameter, so no value from the filter is ever part of the SQL text.</summary>
public sealed class Cql2Compiler
{
    private const int MaxDepth = 40;
    private readonly List<Cql2Token> _tokens;
    private readonly OgcSource _source;
    private readonly OgcCrs _crs;
    private readonly NpgsqlCommand _cmd;
    private int _at;
    private int _depth;

    private Cql2Compiler(string text, OgcSource source, OgcCrs filterCrs, NpgsqlCommand cmd)
    {
        _tokens = Cql2Lexer.Tokenise(text);
        _source = source;
        _crs = filterCrs;
        _cmd = cmd;
    }

    /// <summary>The SQL condition for <paramref name="text"/>; throws <see cref="Cql2Exception"/> with the reason.</summary>
    public static string Compile(string text, OgcSource source, OgcCrs filterCrs, NpgsqlCommand cmd)
    {
        var compiler = new Cql2Compiler(text, source, filterCrs, cmd);
        if (compiler.Peek.Kind == Cql2TokenKind.End) throw new Cql2Exception("is empty");
        var sql = compiler.Or();
        if (compiler.Peek.Kind != Cql2TokenKind.End) throw new Cql2Exception($"unexpected {compiler.Peek}");
        return sql;
    }

    private Cql2Token Peek => _tokens[_at];
    private Cql2Token Next() => _tokens[_at < _tokens.Count - 1 ? _at++ : _at];

    private bool Accept(string keywordOrSymbol)
    {
        var t = Peek;
        if (!t.IsKeyword(keywordOrSymbol) && !t.IsSymbol(keywordOrSymbol)) return false;
        _at++;
        return true;
    }

    private void Expect(string keywordOrSymbol)
    {
        if (!Accept(keywordOrSymbol)) throw new Cql2Exception($"expected '{keywordOrSymbol}' but found {Peek}");
    }

    private string Or()
    {
        var sql = And();
        while (Accept("OR")) sql = $"({sql} OR {And()})";
        return sql;
    }

    private string And()
    {
        var sql = Not();
        while (Accept("AND")) sql = $"({sql} AND {Not()})";
        return sql;
    }

    private string Not()
    {
        if (++_depth > MaxDepth) throw new Cql2Exception($"is nested more than {MaxDepth} levels deep");
        try
        {
            if (Accept("NOT")) return $"(NOT {Not()})";
            if (Accept("("))
            {
                var inner = Or();
                Expect(")");
                return inner;
            }
            if (Peek.IsKeyword("S_INTERSECTS")) return Intersects();
            return Predicate();
        }
        finally { _depth--; }
    }

    private string Predicate()
    {
        var left = Scalar();
        // A boolean literal is a predicate on its own (basic CQL2: "filter=TRUE").
        if (left.Boolean && !(Peek.Kind == Cql2TokenKind.Symbol && Peek.Text is "=" or "<>") && !Peek.IsKeyword("IS")) return left.Sql;
        var negated = Accept("NOT");
        var caseless = Peek.IsKeyword("ILIKE");
        if (Accept("LIKE") || Accept("ILIKE"))
        {
            var patternToken = Peek;
            var pattern = Scalar();
            // PostgreSQL fails on a pattern ending in its escape character (a 500 once): refuse it here.
            if (patternToken.Kind == Cql2TokenKind.String && patternToken.Text.Length - patternToken.Text.TrimEnd('\\').Length is var escapes && escapes % 2 == 1)
                throw new Cql2Exception($"the LIKE pattern at position {patternToken.Position + 1} ends with the escape character \\; write \\\\ for a backslash");
            RequireType(left, OgcType.String, "LIKE");
            RequireType(pattern, OgcType.String, "LIKE");
            if (patternToken.Kind != Cql2TokenKind.String) throw new Cql2Exception($"LIKE needs a quoted text pattern, not {patternToken}");
            var like = caseless ? "ILIKE" : "LIKE";
            return $"({left.Sql} {(negated ? "NOT " : "")}{like} {pattern.Sql})";
        }
        if (Accept("BETWEEN"))
        {
            var low = Scalar();
            Expect("AND");
            var high = Scalar();
            Comparable(left, low, "BETWEEN");
            Comparable(left, high, "BETWEEN");
            return $"({left.Sql} {(negated ? "NOT BETWEEN" : "BETWEEN")} {low.Sql} AND {high.Sql})";
        }
        if (Accept("IN"))
        {
            Expect("(");
            var items = new List<string>();
            do
            {
                var item = Scalar();
                Comparable(left, item, "IN");
                items.Add(item.Sql);
            } while (Accept(","));
            Expect(")");
            return $"({left.Sql} {(negated ? "NOT IN" : "IN")} ({string.Join(", ", items)}))";
        }
        if (negated) throw new Cql2Exception($"expected LIKE, BETWEEN or IN after NOT but found {Peek}");
        if (Accept("IS"))
        {
            var not = Accept("NOT");
            Expect("NULL");
            return $"({left.Sql} IS {(not ? "NOT " : "")}NULL)";
        }
        var op = Next();
        if (op.Kind != Cql2TokenKind.Symbol || op.Text is not ("=" or "<>" or "<" or ">" or "<=" or ">="))
            throw new Cql2Exception($"expected a comparison (=, <>, <, >, <=, >=), LIKE, BETWEEN, IN or IS NULL but found {op}");
        var right = Scalar();
        if (left.Boolean && op.Text is not ("=" or "<>")) throw new Cql2Exception($"{op.Text} cannot order {left.What}; TRUE and FALSE compare only with = or <>");
        Comparable(left, right, op.Text);
        return $"({left.Sql} {op.Text} {right.Sql})";
    }

    /// <summary>A value in the filter; <see cref="Literal"/> is the text of a quoted string literal.</summary>
    private readonly record struct Operand(string Sql, OgcType? Type, string What, bool Boolean = false, string? Literal = null);

    private Operand Scalar()
    {
        var t = Next();
        switch (t.Kind)
        {
            case Cql2TokenKind.String:
                return new(OgcSource.Parameter(_cmd, t.Text, NpgsqlDbType.Text), OgcType.String, $"the text {t}", Literal: t.Text);
            case Cql2TokenKind.Number:
                return new(OgcSource.Parameter(_cmd, double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture), NpgsqlDbType.Double), OgcType.Number, $"the number {t}");
            case Cql2TokenKind.QuotedIdentifier:
                return Property(t);
            case Cql2TokenKind.Identifier when t.IsKeyword("TRUE") || t.IsKeyword("FALSE"):
                // Fixed SQL keywords, not values from the filter.
                return new(t.IsKeyword("TRUE") ? "TRUE" : "FALSE", null, t.Text.ToUpperInvariant(), Boolean: true);
            case Cql2TokenKind.Identifier when (t.IsKeyword("TIMESTAMP") || t.IsKeyword("DATE")) && Peek.IsSymbol("("):
                Expect("(");
                var text = Next();
                if (text.Kind != Cql2TokenKind.String) throw new Cql2Exception($"{t.Text} needs a quoted value, found {text}");
                Expect(")");
                if (!OgcTime.TryParseInstant(text.Text, out var instant, out _))
                    throw new Cql2Exception($"{t.Text}('{text.Text}') is not an RFC 3339 {(t.IsKeyword("DATE") ? "date" : "timestamp")}");
                return new(OgcSource.Parameter(_cmd, instant, NpgsqlDbType.TimestampTz), OgcType.DateTime, $"{t.Text}('{text.Text}')");
            case Cql2TokenKind.Identifier:
                return Property(t);
            default:
                throw new Cql2Exception($"expected a property name or a value but found {t}");
        }
    }

    private Operand Property(Cql2Token t)
    {
        if (t.Text == OgcSource.GeometryName) throw new Cql2Exception($"the geometry can only be used in S_INTERSECTS (at position {t.Position + 1})");
        var p = _source.Queryable(t.Text)
            ?? throw new Cql2Exception($"'{t.Text}' at position {t.Position + 1} is not a queryable of this collection (see its /queryables: {string.Join(", ", _source.Properties.Where(q => q.Queryable).Select(q => q.Name))})");
        return new(p.Sql, p.Type, $"'{p.Name}' ({p.SchemaType})");
    }

    private static void RequireType(Operand o, OgcType type, string op)
    {
        if (o.Type != type) throw new Cql2Exception($"{op} needs text, but {o.What} is not text");
    }

    private void Comparable(Operand a, Operand b, string op)
    {
        // GDAL (3.6 and later) writes times as quoted strings ("observedAt >= '2025-06-01T10:00:00Z'", a date
        // as '2025-06-01T'): a string literal compared with a date-time property is read as a time.
        if (a.Type == OgcType.DateTime && b.Literal is not null) { AsTime(b); return; }
        if (b.Type == OgcType.DateTime && a.Literal is not null) { AsTime(a); return; }
        static int Kind(Operand o) => o.Boolean ? 3 : o.Type switch { OgcType.Integer or OgcType.Number => 1, OgcType.DateTime => 2, _ => 0 };
        if (Kind(a) != Kind(b)) throw new Cql2Exception($"{op} compares {a.What} with {b.What}, which are of different types");
    }

    /// <summary>Turns the text parameter of a string literal into a timestamp parameter (a date: its local midnight).</summary>
    private void AsTime(Operand literal)
    {
        if (!OgcTime.TryParseInstant(literal.Literal!, out var instant, out _))
            throw new Cql2Exception($"{literal.What} is compared with a date-time but is not an RFC 3339 date-time or date");
        var parameter = _cmd.Parameters[literal.Sql[1..]];
        parameter.NpgsqlDbType = NpgsqlDbType.TimestampTz;
        parameter.Value = instant;
    }

    private string Intersects()
    {
        Next();
        Expect("(");
        var first = SpatialArgument();
        Expect(",");
        var second = SpatialArgument();
        Expect(")");
        if ((first is null) == (second is null))
            throw new Cql2Exception("S_INTERSECTS needs the property 'geometry' and one geometry literal (BBOX, POINT, LINESTRING or POLYGON)");
        return $"({_source.Intersects(first ?? second!)})";
    }

    /// <summary>Null for the geometry property; else the literal as SQL (a parameterised WKT in 4326).</summary>
    private string? SpatialArgument()
    {
        var t = Next();
        if ((t.Kind is Cql2TokenKind.Identifier or Cql2TokenKind.QuotedIdentifier) && t.Text == OgcSource.GeometryName) return null;
        if (t.Kind != Cql2TokenKind.Identifier) throw new Cql2Exception($"expected 'geometry' or a geometry literal but found {t}");
        var wkt = t.IsKeyword("BBOX") ? Bbox(t) : Geometry(t, 0);
        var geometry = OgcSource.Parameter(_cmd, wkt, NpgsqlDbType.Text);
        var srid = OgcSource.Parameter(_cmd, _crs.Srid, NpgsqlDbType.Integer);
        return $"ST_Transform(ST_GeomFromText({geometry}, {srid}), 4326)";
    }

    private string Bbox(Cql2Token t)
    {
        Expect("(");
        var n = new List<double> { Number() };
        while (Accept(",")) n.Add(Number());
        Expect(")");
        if (n.Count != 4) throw new Cql2Exception($"BBOX at position {t.Position + 1} needs 4 numbers, found {n.Count}");
        var (x0, y0, x1, y1) = _crs.LatLon ? (n[1], n[0], n[3], n[2]) : (n[0], n[1], n[2], n[3]);
        if (x0 > x1 || y0 > y1) throw new Cql2Exception($"BBOX at position {t.Position + 1} has its minimum above its maximum");
        return Invariant($"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))");
    }

    /// <summary>A WKT geometry literal rewritten in x/y order: the simple types, their MULTI forms and
    /// GEOMETRYCOLLECTION (nested at most a few levels).</summary>
    private string Geometry(Cql2Token t, int depth)
    {
        if (depth > 3) throw new Cql2Exception($"GEOMETRYCOLLECTION at position {t.Position + 1} is nested too deep");
        if (t.IsKeyword("POINT")) return "POINT" + Ring(1, 1);
        if (t.IsKeyword("LINESTRING")) return "LINESTRING" + Ring(2, 2);
        if (t.IsKeyword("POLYGON")) return "POLYGON" + Polygon();
        if (t.IsKeyword("MULTIPOINT"))
        {
            // Both forms are WKT: MULTIPOINT((1 2),(3 4)) and MULTIPOINT(1 2,3 4).
            if (_at + 1 < _tokens.Count && _tokens[_at + 1].IsSymbol("(")) return "MULTIPOINT" + List(() => Ring(1, 1));
            return "MULTIPOINT" + Ring(1, 1);
        }
        if (t.IsKeyword("MULTILINESTRING")) return "MULTILINESTRING" + List(() => Ring(2, 2));
        if (t.IsKeyword("MULTIPOLYGON")) return "MULTIPOLYGON" + List(Polygon);
        if (t.IsKeyword("GEOMETRYCOLLECTION"))
            return "GEOMETRYCOLLECTION" + List(() =>
            {
                var member = Next();
                if (member.Kind != Cql2TokenKind.Identifier || member.IsKeyword("BBOX")) throw new Cql2Exception($"expected a geometry in the collection but found {member}");
                return Geometry(member, depth + 1);
            });
        throw new Cql2Exception($"{t}: geometry literals are BBOX, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON and GEOMETRYCOLLECTION");
    }

    private string Polygon() => List(() => Ring(4, 4));

    /// <summary>"(a, b, …)": one or more parts read by <paramref name="part"/>.</summary>
    private string List(Func<string> part)
    {
        Expect("(");
        var parts = new List<string> { part() };
        while (Accept(",")) parts.Add(part());
        Expect(")");
        return $"({string.Join(",", parts)})";
    }

    /// <summary>"(x y, x y, …)" with at least <paramref name="min"/> positions, in x/y order whatever the CRS's axis order.</summary>
    private string Ring(int min, int minClosed)
    {
        Expect("(");
        var positions = new List<(double X, double Y)>();
        do
        {
            var a = Number();
            var b = Number();
            positions.Add(_crs.LatLon ? (b, a) : (a, b));
        } while (Accept(","));
        Expect(")");
        if (positions.Count < Math.Max(min, minClosed)) throw new Cql2Exception($"a geometry literal needs at least {min} positions, found {positions.Count}");
        if (minClosed == 4 && positions[0] != positions[^1]) throw new Cql2Exception("a POLYGON ring must end where it starts");
        var sb = new StringBuilder("(");
        for (var i = 0; i < positions.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(Invariant($"{positions[i].X} {positions[i].Y}"));
        }
        return sb.Append(')').ToString();
    }

    // Coordinates of geometry literals: beyond this no CRS has points, and PostGIS's transforms fail.
    private const double MaxCoordinate = 1e8;

    private double Number()
    {
        var t = Next();
        if (t.Kind != Cql2TokenKind.Number) throw new Cql2Exception($"expected a number but found {t}");
        var v = double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (Math.Abs(v) > MaxCoordinate) throw new Cql2Exception($"the coordinate {t} is beyond ±{MaxCoordinate:0}");
        return v;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
