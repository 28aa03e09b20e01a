namespace FgCrossNet.Synthetic;

// The value sets of the synthetic birds' attributes (see BirdAttributes); physical meanings live with the code that
// draws or sounds them (BirdFigurePainter, BirdCallSynthesizer), words with BirdDescriptionWriter.

/// <summary>Marking drawn over the wing.</summary>
public enum WingPattern { Plain, Barred, Spotted, Streaked }

/// <summary>Length of the beak or the tail, relative to the body.</summary>
public enum PartLength { Stubby, Short, Medium, Long }

/// <summary>Overall size of the bird.</summary>
public enum BodySize { Small, Medium, Large }

/// <summary>Fundamental frequency band of the call.</summary>
public enum CallPitch { VeryLow, Low, Medium, High, VeryHigh }

/// <summary>Syllables per second of the call.</summary>
public enum SyllableRate { Slow, Moderate, Fast, Trill }

/// <summary>How the pitch moves within one syllable.</summary>
public enum CallContour { Flat, Rising, Falling, Arched }

/// <summary>Harmonic content of the call: a pure whistle, a rich tone, or a buzz.</summary>
public enum CallTimbre { Pure, Rich, Buzzy }
