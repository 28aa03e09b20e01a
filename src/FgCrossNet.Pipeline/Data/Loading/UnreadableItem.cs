using FgCrossNet.IO;

namespace FgCrossNet.Data.Loading;

/// <summary>An item of a list dataset that cannot be prepared: the dataset, the item's index and the error naming its list line and file.</summary>
public sealed record UnreadableItem(IListDataset Dataset, int Index, InvalidInputException Error);
