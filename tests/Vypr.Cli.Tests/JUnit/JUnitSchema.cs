using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;
using System.Xml.Schema;

namespace Vypr.Cli.Tests.JUnit;

/// <summary>Validates JUnit XML against junit.xsd (beside the tests), collecting every error with its line and column.</summary>
internal static class JUnitSchema
{
    private static readonly Lazy<XmlSchemaSet> s_schemas = new(() =>
    {
        var set = new XmlSchemaSet();
        set.Add(null, Path.Combine(AppContext.BaseDirectory, "JUnit", "junit.xsd"));
        set.Compile();
        return set;
    });

    /// <summary>The schema errors of a document, as <c>(line,column): message</c>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = s_schemas.Value, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationEventHandler += (_, e) => errors.Add($"({e.Exception.LineNumber},{e.Exception.LinePosition}): {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}
