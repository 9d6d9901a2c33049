using System;
using System.Globalization;
using Vypr.Contracts;

namespace Vypr.Cli.Run;

/// <summary>One violated verdict of a campaign, with where and how far it broke its specification.</summary>
/// <param name="Iteration">The iteration it happened in.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Specification">Its specification.</param>
/// <param name="CallSite">Its call site.</param>
/// <param name="ObservedAt">The call site of the deciding observation, when it has one of its own.</param>
/// <param name="Test">The test that made the call, or null outside any test.</param>
internal sealed record Violation(IterationRecord Iteration, VerdictInfo Verdict, SpecificationInfo Specification, CallSiteInfo CallSite, CallSiteInfo? ObservedAt, TestInfo? Test)
{
    /// <summary>The call site where the violation is best looked at: the deciding observation's, else the verdict's.</summary>
    public CallSiteInfo Where => ObservedAt ?? CallSite;

    /// <summary>The name of the test, or a stand-in for calls outside any test.</summary>
    public string TestName => Test?.Name ?? "(outside any test)";

    /// <summary>How far over: <c>took 164.4ms, bound 20ms (144.4ms over, 8.2x)</c>, or the deciding observation of a specification in the language.</summary>
    public string HowFar
    {
        get
        {
            string threw = Verdict.Threw ? ", ended by an exception" : string.Empty;
            if (Specification.BoundNanoseconds > 0)
            {
                string took = NanosecondsText.Format(Verdict.DurationNanoseconds);
                string bound = NanosecondsText.Format(Specification.BoundNanoseconds);
                string over = NanosecondsText.Format(Math.Abs(Verdict.Severity));
                string ratio = ((double)Verdict.DurationNanoseconds / Specification.BoundNanoseconds).ToString("0.0", CultureInfo.InvariantCulture);
                return $"took {took}, bound {bound} ({over} over, {ratio}x){threw}";
            }

            if (Verdict.Observations.Count == 0)
            {
                return "violated" + threw;
            }

            ObservationInfo deciding = Verdict.Observations[0];
            string value = deciding.Unit switch
            {
                "ns" => NanosecondsText.Format(deciding.Value),
                "text" => string.Empty,
                _ => deciding.Value.ToString("R", CultureInfo.InvariantCulture),
            };
            string margin = deciding.Unit == "ns" && double.IsFinite(Verdict.Severity)
                ? $" ({NanosecondsText.Format(Math.Abs(Verdict.Severity))} over)"
                : string.Empty;
            return value.Length > 0
                ? $"{deciding.Term} = {value}, not {deciding.Condition}{margin}{threw}"
                : $"{deciding.Term}: not {deciding.Condition}{threw}";
        }
    }
}
