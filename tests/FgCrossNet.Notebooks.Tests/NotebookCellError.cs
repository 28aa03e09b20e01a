namespace FgCrossNet.Notebooks.Tests;

/// <summary>A cell whose execution produced an error output.</summary>
/// <param name="CellNumber">1-based position of the cell in the notebook, markdown cells included (as an editor shows them).</param>
/// <param name="FirstLine">The cell's first source line.</param>
/// <param name="Error">The error's name and message, as the kernel reported it.</param>
public sealed record NotebookCellError(int CellNumber, string FirstLine, string Error)
{
    public override string ToString() => $"cell {CellNumber} ({FirstLine.Trim()}): {Error}";
}
