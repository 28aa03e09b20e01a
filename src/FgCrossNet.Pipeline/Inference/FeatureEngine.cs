namespace FgCrossNet.Inference;

/// <summary>Which runtime path computes features from an export.</summary>
public enum FeatureEngine
{
    /// <summary>ML.NET pipelines ending in ApplyOnnxModel, one row at a time (<see cref="MlNetFeatureExtractor"/>).</summary>
    MlNet,

    /// <summary>ONNX Runtime sessions fed whole batches (<see cref="BatchedOnnxFeatureExtractor"/>), for bulk extraction.</summary>
    BatchedOrt,
}
