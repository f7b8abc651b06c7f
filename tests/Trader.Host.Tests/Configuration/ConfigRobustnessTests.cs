using Trader.Host.Configuration;
using Trader.Testing;

namespace Trader.Host.Tests.Configuration;

/// <summary>A corrupt config stops start-up with errors listed; it never crashes the loader (DESIGN.md §4).</summary>
[Trait("Req", "REQ-C1")]
public sealed class ConfigRobustnessTests
{
    [Fact]
    public void An_unclosed_flow_mapping_before_block_content_is_a_syntax_error_not_a_crash()
    {
        using var set = ConfigSet.With(app: "app: {name: x\nexchange:\n  read_only: true\n");

        var problem = Assert.Single(set.Load().Errors);

        Assert.Equal("app.yaml: line 2, column 1: invalid YAML: the parser could not read the file from here (check brackets, quotes and indentation)", problem.ToString());
    }

    [Theory]
    [InlineData("\t")]
    [InlineData("app:\n\tname: x\n")]
    [InlineData("\uFEFFapp: {name: x}\n")]
    [InlineData("---\napp: {}\n---\napp: {}\n")]
    [InlineData("? [a, b]\n: c\n")]
    [InlineData("app: &a {name: x}\nexchange: *a\n")]
    [InlineData("app: *missing\n")]
    [InlineData("app: !!binary aGVsbG8=\n")]
    [InlineData("\0\u0001\u0002")]
    [InlineData("app: {name: [1, {2: 3}]}\n")]
    public void Odd_input_gives_problems_not_exceptions(string content)
    {
        using var set = ConfigSet.With(app: content);

        var result = set.Load();

        Assert.True(result.Config is not null || result.Errors.Any());
    }

    [Fact]
    public void Truncations_and_character_deletions_all_through_the_shipped_files_are_loaded_without_an_exception()
    {
        using var set = ConfigSet.Shipped();
        var loads = 0;
        foreach (var file in ConfigFiles.All)
        {
            var original = File.ReadAllText(Path.Combine(RepoPaths.Config, file));
            var variants = Enumerable.Range(0, original.Length / 199).Select(i => original[..(i * 199)])
                .Concat(Enumerable.Range(0, original.Length / 257).Select(i => original.Remove(i * 257, 1)));
            foreach (var variant in variants)
            {
                set.Write(file, variant);
                var result = set.Load();
                Assert.True(result.Config is not null || result.Errors.Any(), $"{file}: neither a config nor an error");
                loads++;
            }
            set.Write(file, original);
        }
        Assert.True(loads > 80);
    }
}
