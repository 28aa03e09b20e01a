using FgCrossNet.Data.Loading;

namespace FgCrossNet.Pipeline.Tests.Data.Loading;

public class CharacterTextEncoderTests
{
    // The reference's vocabulary (dataset.py): list("abcdefghijklmnopqrstuvwxyz0123456789,;.!?:'\"/\\|_@#$%^&*~`+-=<>()[]{}"),
    // 68 characters, encoded as position + 1.
    [Fact]
    public void ReferenceVocabularyHas68CharactersIndexedFromOneWithoutASpace()
    {
        var encoder = new CharacterTextEncoder();
        Assert.Equal(TextVocabulary.Reference, encoder.Vocabulary);
        Assert.Equal(68, CharacterTextEncoder.Characters(TextVocabulary.Reference).Length);
        Assert.Equal(1, encoder.IndexOf('a'));
        Assert.Equal(26, encoder.IndexOf('z'));
        Assert.Equal(27, encoder.IndexOf('0'));
        Assert.Equal(36, encoder.IndexOf('9'));
        Assert.Equal(37, encoder.IndexOf(','));
        Assert.Equal(68, encoder.IndexOf('}'));
        Assert.Equal(0, encoder.IndexOf(' '));
        Assert.Equal(0, encoder.IndexOf('A'));
        Assert.Equal(0, encoder.IndexOf('\t'));
        Assert.Equal(0, encoder.IndexOf('é'));
    }

    [Fact]
    public void WithSpaceVocabularyPutsASpaceFirstAndShiftsTheRest()
    {
        var encoder = new CharacterTextEncoder(vocabulary: TextVocabulary.ReferenceWithSpace);
        Assert.Equal(69, CharacterTextEncoder.Characters(TextVocabulary.ReferenceWithSpace).Length);
        Assert.Equal(1, encoder.IndexOf(' '));
        Assert.Equal(2, encoder.IndexOf('a'));
        Assert.Equal(69, encoder.IndexOf('}'));
    }

    [Fact]
    public void ReferenceEncodingDropsSpacesAndCapitals()
    {
        // "Ab c-1!": 'A' and ' ' are dropped; b=2, c=3, '-'=59, '1'=28, '!'=40.
        var encoded = new CharacterTextEncoder(length: 9).Encode("Ab c-1!");
        Assert.Equal(new long[] { 2, 3, 59, 28, 40, 0, 0, 0, 0 }, encoded);
    }

    [Fact]
    public void WithSpaceEncodingKeepsSpaces()
    {
        // b=3, ' '=1, c=4, '-'=60, '1'=29, '!'=41.
        var encoded = new CharacterTextEncoder(length: 9, vocabulary: TextVocabulary.ReferenceWithSpace).Encode("Ab c-1!");
        Assert.Equal(new long[] { 3, 1, 4, 60, 29, 41, 0, 0, 0 }, encoded);
    }

    [Fact]
    public void VocabulariesAreFoundByTheirCharacters()
    {
        foreach (var vocabulary in Enum.GetValues<TextVocabulary>())
            Assert.Equal(vocabulary, CharacterTextEncoder.FromCharacters(CharacterTextEncoder.Characters(vocabulary)));
        Assert.Null(CharacterTextEncoder.FromCharacters("abc"));
    }

    [Fact]
    public void LowercaseOptionKeepsCapitals()
    {
        var encoded = new CharacterTextEncoder(length: 4, lowercase: true).Encode("AbC");
        Assert.Equal(new long[] { 1, 2, 3, 0 }, encoded);
    }

    [Fact]
    public void TruncatesToTheLength() =>
        Assert.Equal(new long[] { 1, 2, 3 }, new CharacterTextEncoder(length: 3).Encode("abcdef"));

    [Fact]
    public void LeftPaddingShiftsTheTextAndTruncatesTheEnd() =>
        Assert.Equal(new long[] { 0, 0, 1, 2 }, new CharacterTextEncoder(length: 4).Encode("abc", leftPadding: 2));

    [Theory]
    [InlineData(TextVocabulary.Reference)]
    [InlineData(TextVocabulary.ReferenceWithSpace)]
    public void EveryVocabularyCharacterRoundTrips(TextVocabulary vocabulary)
    {
        var characters = CharacterTextEncoder.Characters(vocabulary);
        var encoded = new CharacterTextEncoder(length: characters.Length, vocabulary: vocabulary).Encode(characters);
        Assert.Equal(Enumerable.Range(1, characters.Length).Select(i => (long)i), encoded);
    }
}
