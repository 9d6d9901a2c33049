using System;
using System.Linq;
using Vypr.Analysis.History;
using Vypr.Analysis.Simulation;
namespace Vypr.Analysis.Accuracy;
internal static class Debug
{
    public static void Run()
    {
        var g = new HistoryGenerator(13 + 30);
        for (int h = 0; h < 20; h++)
        {
            var hist = g.Generate(1000, 0.03);
            var pts = hist.Runs.Select((r, i) => new HistoryPoint(i.ToString(), r.OrderBy(v => v).Skip(4).Take(2).Average())).ToList();
            var cps = ChangePointDetector.Detect(pts);
            foreach (var s in hist.Steps.Where(s => s.Ratio >= 1.099))
            {
                if (cps.Any(c => c.Direction == ChangeDirection.Regression && c.Index >= s.Index && c.Index <= s.Index + 2)) continue;
                var near = cps.Where(c => Math.Abs(c.Index - s.Index) < 40);
                var prev = hist.Steps.LastOrDefault(x => x.Index < s.Index);
                Console.WriteLine($"h{h} miss {s.Index}:{s.Ratio:F2} prevStep {prev?.Index}:{prev?.Ratio:F2} near: " + string.Join(", ", near.Select(c => $"{c.Index}:{c.Ratio:F3}@{c.DetectedAt} p={c.PValue:E1}")));
                Console.WriteLine("   " + string.Join(" ", Enumerable.Range(s.Index - 6, 14).Where(i => i >= 0 && i < 1000).Select(i => (pts[i].Value / pts[s.Index - 6].Value).ToString("F2"))));
            }
        }
    }
}
