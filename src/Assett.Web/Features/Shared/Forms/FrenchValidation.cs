using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Assett.Web.Features.Shared.Forms;

/// <summary>
/// Every form answers in French, whatever a page forgot to say (docs/reliability.md, « Inputs »):
/// model binding's messages (a number, a date or a choice that is not one), the validation attributes
/// declared without a message, and the implicit « required » of a non-nullable text. A text field
/// without a declared length gets <see cref="DefaultMaximumLength"/>, so no text reaches a page's
/// code, or the database, unbounded. Empty text fields bind as empty strings, never as null, so a
/// non-nullable property is never null.
/// </summary>
public sealed class FrenchValidation : IValidationMetadataProvider, IDisplayMetadataProvider
{
    /// <summary>Names, titles and one-line texts; longer texts (comments) declare their own.</summary>
    public const int DefaultMaximumLength = 500;

    public static void AddTo(MvcOptions options)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => $"« {Shorten(value)} » n’est pas une valeur valable pour ce champ.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"« {Shorten(value)} » n’est pas une valeur valable.");
        messages.SetUnknownValueIsInvalidAccessor(_ => "Cette valeur n’est pas valable pour ce champ.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Cette valeur n’est pas valable.");
        messages.SetValueIsInvalidAccessor(value => $"« {Shorten(value)} » n’est pas une valeur valable.");
        messages.SetValueMustBeANumberAccessor(_ => "Indiquez un nombre.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Indiquez un nombre.");
        messages.SetValueMustNotBeNullAccessor(_ => "Ce champ est obligatoire.");
        messages.SetMissingBindRequiredValueAccessor(_ => "Ce champ est obligatoire.");
        messages.SetMissingKeyOrValueAccessor(() => "Ce champ est obligatoire.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Le formulaire envoyé est vide.");
        options.ModelMetadataDetailsProviders.Add(new FrenchValidation());
    }

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        var validators = context.ValidationMetadata.ValidatorMetadata;
        foreach (var attribute in validators.OfType<ValidationAttribute>())
            if (attribute.ErrorMessage is null && attribute.ErrorMessageResourceName is null)
                attribute.ErrorMessage = Message(attribute);
        if (context.Key.MetadataKind == ModelMetadataKind.Property && context.Key.ModelType == typeof(string)
            && !validators.Any(v => v is StringLengthAttribute or MaxLengthAttribute))
            validators.Add(new StringLengthAttribute(DefaultMaximumLength) { ErrorMessage = Message(new StringLengthAttribute(DefaultMaximumLength)) });
    }

    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        if (context.Key.ModelType == typeof(string)) context.DisplayMetadata.ConvertEmptyStringToNull = false;
    }

    private static string Message(ValidationAttribute attribute) => attribute switch
    {
        RequiredAttribute => "Ce champ est obligatoire.",
        StringLengthAttribute length => AtMost(length.MaximumLength),
        MaxLengthAttribute length => AtMost(length.Length),
        RangeAttribute range => $"Indiquez une valeur entre {range.Minimum} et {range.Maximum}.",
        EmailAddressAttribute => "Cette adresse électronique n’est pas valide.",
        CompareAttribute => "Les deux saisies ne sont pas identiques.",
        _ => "Cette valeur n’est pas valable.",
    };

    public static string AtMost(int characters) =>
        string.Create(French.Culture, $"Ce champ tient en {characters:N0} caractères au plus.");

    /// <summary>A refused value is quoted back, but a pasted page of text is not.</summary>
    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
