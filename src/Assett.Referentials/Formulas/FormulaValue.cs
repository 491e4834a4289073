namespace Assett.Referentials.Formulas;

public enum ValueKind : byte
{
    Null,
    Boolean,
    Number,
    Text,
}

/// <summary>The value of a formula or of one of its parts. Null means "no consequence".</summary>
public readonly record struct FormulaValue(ValueKind Kind, double Number = 0, bool Boolean = false, string? Text = null)
{
    public static readonly FormulaValue Null = default;
    public static readonly FormulaValue True = new(ValueKind.Boolean, Boolean: true);
    public static readonly FormulaValue False = new(ValueKind.Boolean, Boolean: false);

    public static FormulaValue Of(double number) => new(ValueKind.Number, number);
    public static FormulaValue Of(bool boolean) => boolean ? True : False;
    public static FormulaValue OfText(string text) => new(ValueKind.Text, Text: text);

    public bool IsNull => Kind == ValueKind.Null;

    /// <summary>Truth for <c>et</c>, <c>ou</c> and <c>si</c>: null is false, a number is true when not zero.</summary>
    public bool IsTrue => Kind switch
    {
        ValueKind.Boolean => Boolean,
        ValueKind.Number => Number != 0,
        _ => false,
    };

    /// <summary>The value as a number (VRAI/OUI read as 1), or null.</summary>
    public double? AsNumber => Kind switch
    {
        ValueKind.Number => Number,
        ValueKind.Boolean => Boolean ? 1 : 0,
        _ => null,
    };

    public override string ToString() => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Boolean => Boolean ? "VRAI" : "FAUX",
        ValueKind.Number => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Text!,
    };
}
