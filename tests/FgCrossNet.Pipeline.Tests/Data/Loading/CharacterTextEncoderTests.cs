using FgCrossNet.Data.Loading;

namespace FgCrossNet.Pipeline.Tests.Data.Loading;

public class CharacterTextEncoderTests
{
    [Fact]
    public void VocabularyHas69CharactersIndexedFromOneStartingWithASpace()
    {
        Assert.Equal(69, CharacterTextEncoder.Vocabulary.Length);
        Assert.Equal(1, CharacterTextEncoder.IndexOf(' '));
        Assert.Equal(2, CharacterTextEncoder.IndexOf('a'));
        Assert.Equal(27, CharacterTextEncoder.IndexOf('z'));
        Assert.Equal(28, CharacterTextEncoder.IndexOf('0'));
        Assert.Equal(37, CharacterTextEncoder.IndexOf('9'));
        Assert.Equal(38, CharacterTextEncoder.IndexOf(','));
        Assert.Equal(69, CharacterTextEncoder.IndexOf('}'));
        Assert.Equal(0, CharacterTextEncoder.IndexOf('A'));
        Assert.Equal(0, CharacterTextEncoder.IndexOf('\t'));
        Assert.Equal(0, CharacterTextEncoder.IndexOf('é'));
    }

    [Fact]
    public void EncodesAKnownStringDroppingUnknownCharactersAndPaddingAtTheEnd()
    {
        // "Ab c-1!": 'A' is dropped; b=3, ' '=1, c=4, '-'=60, '1'=29, '!'=41 (position in " abc...xyz0..9,;.!?:'\"/\\|_@#$%^&*~`+-=<>()[]{}" plus one).
        var encoded = new CharacterTextEncoder(length: 9).Encode("Ab c-1!");
        Assert.Equal(new long[] { 3, 1, 4, 60, 29, 41, 0, 0, 0 }, encoded);
    }

    [Fact]
    public void LowercaseOptionKeepsCapitals()
    {
        var encoded = new CharacterTextEncoder(length: 4, lowercase: true).Encode("AbC");
        Assert.Equal(new long[] { 2, 3, 4, 0 }, encoded);
    }

    [Fact]
    public void TruncatesToTheLength() =>
        Assert.Equal(new long[] { 2, 3, 4 }, new CharacterTextEncoder(length: 3).Encode("abcdef"));

    [Fact]
    public void LeftPaddingShiftsTheTextAndTruncatesTheEnd() =>
        Assert.Equal(new long[] { 0, 0, 2, 3 }, new CharacterTextEncoder(length: 4).Encode("abc", leftPadding: 2));

    [Fact]
    public void EveryVocabularyCharacterRoundTrips()
    {
        var encoded = new CharacterTextEncoder(length: 69).Encode(CharacterTextEncoder.Vocabulary);
        Assert.Equal(Enumerable.Range(1, 69).Select(i => (long)i), encoded);
    }
}
