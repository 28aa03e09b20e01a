using Microsoft.FSharp.Core;

namespace FgCrossNet.Figures;

/// <summary>Plotly.NET's F# optional arguments from C#: <c>Some(v)</c>; F#'s None is null.</summary>
internal static class FSharpOptions
{
    public static FSharpOption<T> Some<T>(T value) => FSharpOption<T>.Some(value);
}
