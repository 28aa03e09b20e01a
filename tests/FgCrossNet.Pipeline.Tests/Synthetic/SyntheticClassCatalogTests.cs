using FgCrossNet.Synthetic;

namespace FgCrossNet.Pipeline.Tests.Synthetic;

public class SyntheticClassCatalogTests
{
    private static int Differences(BirdAttributes a, BirdAttributes b) =>
        a.ToDictionary().Count(kv => b.ToDictionary()[kv.Key] != kv.Value);

    [Fact]
    public void Two_hundred_classes_have_unique_names_and_attributes_in_families_of_four()
    {
        var classes = SyntheticClassCatalog.Create(new SyntheticConfig { Classes = 200 });
        Assert.Equal(Enumerable.Range(0, 200), classes.Select(c => c.Label));
        Assert.Equal(200, classes.Select(c => c.Name).Distinct().Count());
        Assert.All(classes, c => Assert.Matches("^Synth_[A-Za-z]+(_[A-Za-z]+)+$", c.Name));
        Assert.Equal(200, classes.Select(c => c.Attributes).Distinct().Count());
        Assert.All(classes.GroupBy(c => c.Family), family => Assert.Equal(4, family.Count()));
        Assert.Equal("001." + classes[0].Name, classes[0].ImageFolder);
        Assert.Equal("200." + classes[199].Name, classes[199].ImageFolder);
    }

    [Fact]
    public void With_full_family_similarity_siblings_differ_in_exactly_their_visual_and_call_keys()
    {
        var classes = SyntheticClassCatalog.Create(new SyntheticConfig { Classes = 40, FamilySimilarity = 1 });
        foreach (var family in classes.GroupBy(c => c.Family))
        {
            var members = family.ToList();
            for (int i = 0; i < members.Count; i++)
                for (int j = i + 1; j < members.Count; j++)
                {
                    var a = members[i].Attributes.ToDictionary();
                    var b = members[j].Attributes.ToDictionary();
                    var differing = a.Keys.Where(k => a[k] != b[k]).Order().ToList();
                    Assert.Equal(new[] { members[i].VisualKey, members[i].CallKey }.Order(), differing);
                }
        }
        Assert.True(classes.Select(c => c.VisualKey).Distinct().Count() >= 4, "families should cover the kinds of visual differences");
        Assert.Equal(3, classes.Select(c => c.CallKey).Distinct().Count());
    }

    [Fact]
    public void By_default_siblings_share_most_attributes_and_strangers_do_not()
    {
        var classes = SyntheticClassCatalog.Create(new SyntheticConfig());
        var pairs = from a in classes from b in classes where a.Label < b.Label select (a, b, d: Differences(a.Attributes, b.Attributes));
        var siblings = pairs.Where(p => p.a.Family == p.b.Family).Select(p => p.d).ToList();
        var strangers = pairs.Where(p => p.a.Family != p.b.Family).Select(p => p.d).ToList();
        Assert.All(siblings, d => Assert.InRange(d, 2, 6));
        Assert.True(siblings.Average() <= 3.5, $"siblings differ in {siblings.Average():F2} of 12 attributes on average");
        Assert.True(strangers.Average() >= 8, $"different families differ in only {strangers.Average():F2} of 12 attributes on average");
        Assert.All(classes, c => Assert.True(c.Attributes.Body != c.Attributes.Crown && c.Attributes.Body != c.Attributes.Wing, c.Name));
    }

    [Fact]
    public void The_catalog_depends_only_on_the_configuration()
    {
        var names = SyntheticClassCatalog.Create(new SyntheticConfig { Seed = 4 }).Select(c => (c.Name, c.Attributes)).ToList();
        Assert.Equal(names, SyntheticClassCatalog.Create(new SyntheticConfig { Seed = 4 }).Select(c => (c.Name, c.Attributes)));
        Assert.NotEqual(names, SyntheticClassCatalog.Create(new SyntheticConfig { Seed = 5 }).Select(c => (c.Name, c.Attributes)));
    }
}
