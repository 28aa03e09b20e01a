namespace FgCrossNet.Inference;

/// <summary>A gallery item at <see cref="Rank"/> (1 = nearest) with its cosine distance to the query, 1 − cos(q, g), in [0, 2].</summary>
public sealed record RetrievalHit(int Rank, GalleryItem Item, double Distance);
