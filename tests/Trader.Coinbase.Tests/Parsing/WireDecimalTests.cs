using System.Buffers.Text;
using System.Text;
using Trader.Coinbase.Parsing;

namespace Trader.Coinbase.Tests.Parsing;

public sealed class WireDecimalTests
{
    [Theory]
    [InlineData("7424.91")]
    [InlineData("0.00120148")]
    [InlineData("171")]
    [InlineData("1.50")]
    [InlineData("0.0")]
    [InlineData("0")]
    [InlineData("007.50")]
    [InlineData("9999999999999999999")]
    [InlineData("999999999.9999999999")]
    [InlineData("18446744073709551615")]
    [InlineData("0.00000000000000000001")]
    [InlineData("-1.5")]
    [InlineData("+1.5")]
    [InlineData("1e5")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1.2.3")]
    [InlineData("12a")]
    [InlineData("")]
    [InlineData(" 1")]
    public void Gives_exactly_what_Utf8Parser_gives_value_and_scale(string text) => AssertSameAsUtf8Parser(text);

    [Fact]
    public void Random_wire_numbers_parse_exactly_as_Utf8Parser_parses_them()
    {
        var random = new Random(11);
        const string alphabet = "0123456789012345678901234567890123456789.-+eE ";
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(1, 24);
            var chars = new char[length];
            for (var j = 0; j < length; j++)
                chars[j] = i % 3 == 0 ? alphabet[random.Next(alphabet.Length)] : (char)('0' + random.Next(10));
            if (i % 3 == 1 && length > 2) chars[random.Next(1, length - 1)] = '.';
            AssertSameAsUtf8Parser(new string(chars));
        }
    }

    private static void AssertSameAsUtf8Parser(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var expectedOk = Utf8Parser.TryParse(bytes, out decimal expected, out var consumed) && consumed == bytes.Length;
        var ok = WireDecimal.TryParse(bytes, out var actual);
        Assert.True(expectedOk == ok, $"'{text}': accepted {ok}, Utf8Parser {expectedOk}");
        if (ok) Assert.True(decimal.GetBits(expected).SequenceEqual(decimal.GetBits(actual)), $"'{text}': {actual} vs Utf8Parser {expected}");
    }
}
