namespace FgCrossNet.Data.Loading;

/// <summary>How a cross-media epoch is cut into steps when the media have different numbers of items.</summary>
public enum BatchPolicy
{
    /// <summary>
    /// Default. Every medium is shuffled (seeded, per epoch); an epoch has as many steps as the largest medium has
    /// full batches (or a configured number). A medium that runs out is reshuffled and cycled, so every step has B
    /// items of every medium and no item repeats within a batch. Each pass over a medium drops its last partial batch;
    /// the next pass is shuffled anew, so different items are left out each time.
    /// </summary>
    BalancedShuffled,

    /// <summary>
    /// The reference implementation: four unshuffled loaders zipped together, so an epoch stops when the smallest
    /// medium runs out (here: after its last full batch) and the larger media only ever show their first items, in
    /// list order, every epoch.
    /// </summary>
    ReferenceZipTruncate,
}
