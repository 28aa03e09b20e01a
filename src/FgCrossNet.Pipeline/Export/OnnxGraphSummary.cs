using FgCrossNet.IO;
using Google.Protobuf;
using Onnx;

namespace FgCrossNet.Export;

/// <summary>One graph input or output: its name, element type and shape (a symbolic dimension by its name).</summary>
public sealed record OnnxValueInfo(string Kind, string Name, string ElementType, string Shape);

/// <summary>How often an operator occurs in a graph.</summary>
public sealed record OnnxOperatorCount(string Operator, int Count);

/// <summary>
/// What an ONNX file holds, read from its protobuf (any ONNX model, not only FGCrossNet exports): producer, IR version
/// and opsets, the graph's inputs (initializers excluded) and outputs with their shapes, the operators used, and the
/// number of weight tensors and values.
/// </summary>
public sealed record OnnxGraphSummary(
    string Path, string Producer, long IrVersion, IReadOnlyDictionary<string, long> Opsets, IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs, IReadOnlyList<OnnxOperatorCount> Operators, int Nodes, int Initializers, long Parameters)
{
    /// <summary>Inputs then outputs, as one table.</summary>
    public IEnumerable<OnnxValueInfo> Values => Inputs.Concat(Outputs);

    public static OnnxGraphSummary Read(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var model = OnnxModelReader.Read(full);
        var graph = model.Graph ?? throw new InvalidInputException(full, "not an ONNX model (no graph)");
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return new OnnxGraphSummary(
            full,
            model.ProducerName,
            model.IrVersion,
            model.OpsetImport.ToDictionary(o => o.Domain.Length == 0 ? "ai.onnx" : o.Domain, o => o.Version),
            [.. graph.Input.Where(i => !initializers.Contains(i.Name)).Select(i => Describe("input", i))],
            [.. graph.Output.Select(o => Describe("output", o))],
            [.. graph.Node.GroupBy(n => n.OpType).Select(g => new OnnxOperatorCount(g.Key, g.Count())).OrderByDescending(c => c.Count).ThenBy(c => c.Operator, StringComparer.Ordinal)],
            graph.Node.Count,
            graph.Initializer.Count,
            graph.Initializer.Sum(t => t.Dims.Aggregate(1L, (a, b) => a * b)));
    }

    private static OnnxValueInfo Describe(string kind, ValueInfoProto value)
    {
        var tensor = value.Type?.TensorType;
        if (tensor is null) return new OnnxValueInfo(kind, value.Name, "?", "?");
        var type = ((TensorProto.Types.DataType)tensor.ElemType).ToString().ToLowerInvariant();
        var dims = tensor.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? d.DimParam : d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new OnnxValueInfo(kind, value.Name, type, dims is null ? "?" : "[" + string.Join(", ", dims) + "]");
    }
}
