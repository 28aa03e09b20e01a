namespace FgCrossNet.Data.Loading;

/// <summary>
/// The character vocabularies of <see cref="CharacterTextEncoder"/>. Character k (0-based) of a vocabulary encodes as
/// k + 1; 0 is padding; characters outside it are dropped. Both fit the network's 70-row embedding.
/// </summary>
public enum TextVocabulary
{
    /// <summary>
    /// The reference implementation's (<c>dataset.py</c>): the 68 characters
    /// <c>abcdefghijklmnopqrstuvwxyz0123456789,;.!?:'"/\|_@#$%^&amp;*~`+-=&lt;&gt;()[]{}</c>, no space: 'a' = 1, '}' = 68,
    /// and spaces are dropped, so words run together. The default, and what <c>paper</c> and reference checkpoints use.
    /// </summary>
    Reference,

    /// <summary>
    /// Ours: a space in front of the reference's 68 characters (69 in all), so a space = 1, 'a' = 2, '}' = 69 and words
    /// stay separated. Not in the reference: a network trained with one vocabulary must be read with the same one
    /// (exports record it).
    /// </summary>
    ReferenceWithSpace,
}
