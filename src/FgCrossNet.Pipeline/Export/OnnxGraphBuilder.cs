using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace FgCrossNet.Export;

/// <summary>
/// Accumulates the nodes and initializers of one ONNX graph (default domain) with generated, unique value names.
/// Values are float32 or int64 tensors stored as little-endian raw data.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _counter;

    public OnnxGraphBuilder(string name) => _graph = new GraphProto { Name = name };

    public GraphProto Graph => _graph;

    /// <summary>A float32 constant named <paramref name="name"/> (e.g. a state dict key).</summary>
    public string Initializer(string name, ReadOnlySpan<float> values, params long[] dims) =>
        AddInitializer(name, TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>An int64 constant.</summary>
    public string Initializer(string name, ReadOnlySpan<long> values, params long[] dims) =>
        AddInitializer(name, TensorProto.Types.DataType.Int64, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>Adds a node and returns the name of its (single) output.</summary>
    public string Node(string opType, string nameHint, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        Node(opType, nameHint, inputs, [Unique(nameHint)], attributes)[0];

    /// <summary>Adds a node with the given output names.</summary>
    public IReadOnlyList<string> Node(string opType, string nameHint, IEnumerable<string> inputs, IReadOnlyList<string> outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Unique(nameHint + "/" + opType) };
        node.Input.AddRange(inputs);
        foreach (var output in outputs)
        {
            _names.Add(output);
            node.Output.Add(output);
        }
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return outputs;
    }

    public void Input(string name, TensorProto.Types.DataType type, params DimParamOrValue[] dims)
    {
        _names.Add(name);
        _graph.Input.Add(ValueInfo(name, type, dims));
    }

    public void Output(string name, TensorProto.Types.DataType type, params DimParamOrValue[] dims) =>
        _graph.Output.Add(ValueInfo(name, type, dims));

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private string AddInitializer(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> bytes, int count, long[] dims)
    {
        long expected = dims.Aggregate(1L, (a, b) => a * b);
        if (expected != count) throw new ArgumentException($"initializer '{name}': {count} values do not fill [{string.Join(", ", dims)}]");
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian");
        name = Unique(name);
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return name;
    }

    private string Unique(string hint)
    {
        if (_names.Add(hint)) return hint;
        string name;
        do name = $"{hint}_{++_counter}"; while (!_names.Add(name));
        return name;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, DimParamOrValue[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d.IsParam
                ? new TensorShapeProto.Types.Dimension { DimParam = d.Param }
                : new TensorShapeProto.Types.Dimension { DimValue = d.Value });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
