namespace Vypr.Analysis.Simulation;

/// <summary>A "slower" alarm.</summary>
/// <param name="Named">The commit the alarm names as the first slower one.</param>
/// <param name="RaisedAt">The commit at which the alarm was raised.</param>
public readonly record struct Alarm(int Named, int RaisedAt);
