namespace FgCrossNet.Data.Loading;

/// <summary>What the loader does with an item it cannot read or decode.</summary>
public enum BadItemPolicy
{
    /// <summary>Default: stop; the error names the list file, its line and the item's path.</summary>
    FailFast,

    /// <summary>
    /// Count the item as bad (see <see cref="LoaderStatistics"/>), never try it again, and use the next item of the
    /// same list (in list order, wrapping around) in its place.
    /// </summary>
    SkipAndCount,
}
