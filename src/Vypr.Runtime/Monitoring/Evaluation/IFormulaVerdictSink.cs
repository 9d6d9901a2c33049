namespace Vypr.Runtime.Monitoring;

/// <summary>Receives the verdicts of fluent specifications as they are decided.</summary>
internal interface IFormulaVerdictSink
{
    void Take(in FormulaVerdict verdict);
}
