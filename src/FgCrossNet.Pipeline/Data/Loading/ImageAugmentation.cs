namespace FgCrossNet.Data.Loading;

/// <summary>Training-time image augmentation.</summary>
public enum ImageAugmentation
{
    /// <summary>Deterministic: resize, then the centre crop (evaluation, and the reference's training transform).</summary>
    None,

    /// <summary>Resize, then a crop at a uniformly random position, mirrored left-right with probability 1/2.</summary>
    RandomCropAndFlip,
}
