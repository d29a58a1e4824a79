using System.Text;
using System.Xml;

namespace WinVmBuild.Guests.Windows.AnswerFiles;

/// <summary>
/// Writes the shape every unattend.xml shares, through <see cref="XmlWriter"/> so every value is escaped: settings
/// passes, components with their fixed amd64 identity, plain elements, wcm:action="add" list items and passwords.
/// </summary>
internal sealed class UnattendXmlWriter
{
    public const string Namespace = "urn:schemas-microsoft-com:unattend";
    public const string WcmNamespace = "http://schemas.microsoft.com/WMIConfig/2002/State";

    private readonly XmlWriter _xml;

    private UnattendXmlWriter(XmlWriter xml)
    {
        _xml = xml;
    }

    /// <summary>A whole document: the unattend root, filled by <paramref name="content"/>; UTF-8 without BOM, LF line ends.</summary>
    public static string Document(Action<UnattendXmlWriter> content)
    {
        var text = new Utf8StringWriter();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("unattend", Namespace);
            xml.WriteAttributeString("xmlns", "wcm", null, WcmNamespace);
            content(new UnattendXmlWriter(xml));
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return text.ToString() + "\n";
    }

    public void Pass(string pass, Action content)
    {
        _xml.WriteStartElement("settings", Namespace);
        _xml.WriteAttributeString("pass", pass);
        content();
        _xml.WriteEndElement();
    }

    /// <summary>A component of the 64-bit image; 32-bit Windows (processorArchitecture="x86") is out of scope.</summary>
    public void Component(string name, Action content)
    {
        _xml.WriteStartElement("component", Namespace);
        _xml.WriteAttributeString("name", name);
        _xml.WriteAttributeString("processorArchitecture", "amd64");
        _xml.WriteAttributeString("publicKeyToken", "31bf3856ad364e35");
        _xml.WriteAttributeString("language", "neutral");
        _xml.WriteAttributeString("versionScope", "nonSxS");
        content();
        _xml.WriteEndElement();
    }

    public void Element(string name, string value) => _xml.WriteElementString(name, Namespace, value);

    public void Element(string name, Action content)
    {
        _xml.WriteStartElement(name, Namespace);
        content();
        _xml.WriteEndElement();
    }

    /// <summary>An item added to a list setting; <paramref name="keyValue"/> is the wcm:keyValue some lists key on.</summary>
    public void ListItem(string name, Action content, string? keyValue = null)
    {
        _xml.WriteStartElement(name, Namespace);
        _xml.WriteAttributeString("action", WcmNamespace, "add");
        if (keyValue is not null)
        {
            _xml.WriteAttributeString("keyValue", WcmNamespace, keyValue);
        }

        content();
        _xml.WriteEndElement();
    }

    /// <summary>A list item whose content is one text value (IpAddress).</summary>
    public void ListItem(string name, string value, string keyValue) =>
        ListItem(name, () => _xml.WriteString(value), keyValue);

    /// <summary>
    /// A password in plain text: the answer file lives only in the image's cache entry and on a floppy no one else
    /// reads, and the "encoded" form is base64, not a protection.
    /// </summary>
    public void Password(string name, string value) => Element(name, () =>
    {
        Element("Value", value);
        Element("PlainText", "true");
    });

    /// <summary>XmlWriter writes the encoding its TextWriter reports: make that UTF-8, not UTF-16.</summary>
    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding { get; } = new UTF8Encoding(false);
    }
}
