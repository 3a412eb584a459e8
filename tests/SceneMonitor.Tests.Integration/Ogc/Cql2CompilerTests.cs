using Npgsql;
using SceneMonitor.Api.Features.Ogc;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Tests.Integration.Ogc;

/// <summary>The SQL the CQL2 compiler emits: fixed fragments and parameters only, values in parameters.</summary>
public class Cql2CompilerTests
{
    private static (string Sql, NpgsqlCommand Command) Compile(string filter, OgcCrs? crs = null)
    {
        var cmd = new NpgsqlCommand();
        var source = OgcCollections.Find(OgcCollections.Observations)!.Source(new OgcSourceContext(ObservationView.Exact, null, cmd, 3));
        return (Cql2Compiler.Compile(filter, source, crs ?? OgcCrs.Crs84, cmd), cmd);
    }

    [Fact]
    public void Literals_become_parameters_and_properties_their_fixed_columns()
    {
        var (sql, cmd) = Compile("category = 'x'' OR 1=1 --' AND quantity BETWEEN 1 AND 5 OR S_INTERSECTS(geometry, BBOX(4, 50, 5, 51))");
        // Parameters are numbered after the view's own (@metric_srid): the literals start at q1.
        Assert.Equal("(((c.code = @q1) AND (o.quantity BETWEEN @q2 AND @q3)) OR (ST_Intersects(o.location, ST_Transform(ST_GeomFromText(@q4, @q5), 4326))))", sql);
        Assert.Equal("x' OR 1=1 --", cmd.Parameters["q1"].Value);
        Assert.Equal(1.0, cmd.Parameters["q2"].Value);
        Assert.Equal("POLYGON((4 50,5 50,5 51,4 51,4 50))", cmd.Parameters["q4"].Value);
        Assert.Equal(4326, cmd.Parameters["q5"].Value);
    }

    [Fact]
    public void Geometry_literals_in_epsg_4326_are_latitude_first()
    {
        var (_, cmd) = Compile("S_INTERSECTS(geometry, BBOX(50, 4, 51, 5))", OgcCrs.Wgs84LatLon);
        Assert.Equal("POLYGON((4 50,5 50,5 51,4 51,4 50))", cmd.Parameters["q1"].Value);
        var (_, point) = Compile("S_INTERSECTS(geometry, POINT(50.85 4.35))", OgcCrs.Wgs84LatLon);
        Assert.Equal("POINT(4.35 50.85)", point.Parameters["q1"].Value);
    }

    [Theory]
    [InlineData("category = 'a' OR 1; SELECT 1")]
    [InlineData("\"category\"\"; DROP TABLE observations; --\" = 'a'")]
    [InlineData("c.code = 'a'")]
    [InlineData("category = 'a' ) OR ( 1 = 1")]
    public void Anything_but_queryables_operators_and_literals_is_refused(string filter) =>
        Assert.Throws<Cql2Exception>(() => Compile(filter));
}
