using Barometer.Catalogue.Expressions;

namespace Barometer.Storage.Tests;

/// <summary>The one conversion of a stored cell to a catalogue value; NaN is decided here (missing), once.</summary>
public class StoredValuesTests
{
    [Fact]
    public void ToValue_NaN_IsMissing()
    {
        Assert.Equal(ValueKind.Missing, StoredValues.ToValue(double.NaN).Kind);
        Assert.Equal(ValueKind.Missing, StoredValues.ToValue(float.NaN).Kind);
    }

    [Fact]
    public void ToValue_Infinities_StayNumbers()
    {
        Assert.Equal(double.PositiveInfinity, StoredValues.ToValue(double.PositiveInfinity).Number);
        Assert.Equal(double.NegativeInfinity, StoredValues.ToValue(float.NegativeInfinity).Number);
    }

    [Fact]
    public void ToValue_NullAndDbNull_AreMissing()
    {
        Assert.Equal(ValueKind.Missing, StoredValues.ToValue(null).Kind);
        Assert.Equal(ValueKind.Missing, StoredValues.ToValue(DBNull.Value).Kind);
    }

    [Fact]
    public void ToValue_IntegersTextAndTruth_KeepTheirValue()
    {
        Assert.Equal(3, StoredValues.ToValue(3L).Number);
        Assert.Equal(3, StoredValues.ToValue((byte)3).Number);
        Assert.Equal(2.5, StoredValues.ToValue(2.5m).Number);
        Assert.Equal(12, StoredValues.ToValue(new System.Numerics.BigInteger(12)).Number);
        Assert.Equal("01", StoredValues.ToValue("01").Text);
        Assert.True(StoredValues.ToValue(true).Boolean);
    }

    [Fact]
    public void ToValue_NaNFromTheStore_IsMissing()
    {
        using var folder = new TempFolder();
        using var store = folder.OpenStore();

        var cells = store.Session().Query("SELECT 'NaN'::DOUBLE, 'NaN'::FLOAT, 1::TINYINT, NULL::DOUBLE",
            r => Enumerable.Range(0, 4).Select(i => StoredValues.ToValue(r.IsDBNull(i) ? null : r.GetValue(i))).ToList()).Single();

        Assert.Equal([ValueKind.Missing, ValueKind.Missing, ValueKind.Number, ValueKind.Missing], cells.Select(c => c.Kind));
    }
}
