namespace Uploader;

/// <summary>One check a payload must pass before upload. The validator calls every rule through this interface.</summary>
public interface IPayloadRule
{
    /// <summary>Returns null when the payload passes, else why it does not.</summary>
    string? Validate(Payload payload);
}
