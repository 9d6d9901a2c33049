using System;
using System.Linq;
using Vypr.Analysis.History;
using Vypr.Analysis.Simulation;
namespace Vypr.Analysis.Accuracy;
internal static class Debug
{
    public static void Run()
    {
        var g = new HistoryGenerator(13 + 10);
        for (int h = 0; h < 5; h++)
        {
            var hist = g.Generate(1000, 0.01);
            var pts = hist.Runs.Select((r, i) => new HistoryPoint(i.ToString(), r.OrderBy(v => v).ElementAt(5))).ToList();
            var cps = ChangePointDetector.Detect(pts);
            Console.WriteLine("steps: " + string.Join(", ", hist.Steps.Select(s => $"{s.Index}:{s.Ratio:F2}")));
            Console.WriteLine("found: " + string.Join(", ", cps.Select(c => $"{c.Index}:{c.Ratio:F2}@{c.DetectedAt}")));
        }
    }
}
