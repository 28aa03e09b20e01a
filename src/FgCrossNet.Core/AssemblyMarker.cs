namespace FgCrossNet.Core; internal static class AssemblyMarker { }
