using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Host;

namespace WinVmBuild.Tests.Media;

[TestClass]
public sealed class PasswordTests
{
    [TestMethod]
    public void Generated_passwords_meet_the_policy_use_only_safe_characters_and_differ()
    {
        var passwords = Enumerable.Range(0, 500).Select(_ => PasswordGenerator.Generate()).ToList();

        Assert.AreEqual(passwords.Count, passwords.Distinct().Count());
        foreach (var password in passwords)
        {
            Assert.AreEqual(PasswordGenerator.DefaultLength, password.Length);
            Assert.IsTrue(password.All(c => char.IsAsciiLetterOrDigit(c) || PasswordGenerator.Symbols.Contains(c)), password);
            Assert.IsTrue(password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit) && password.Any(PasswordGenerator.Symbols.Contains));
            PasswordPolicy.Validate(password, "winvm");
        }
    }

    [TestMethod]
    [DataRow("Sh0rt-x", DisplayName = "too short")]
    [DataRow("My-winvm-Passw0rd", DisplayName = "contains the user name")]
    [DataRow("alllowercase-only", DisplayName = "two classes only")]
    [DataRow("Has'Quote-Passw0rd", DisplayName = "single quote")]
    [DataRow("Has\"Quote-Passw0rd", DisplayName = "double quote")]
    [DataRow("Has Space-Passw0rd", DisplayName = "space")]
    [DataRow("Percent%Passw0rd", DisplayName = "cmd expansion")]
    [DataRow("Ünicode-Passw0rd", DisplayName = "non-ASCII")]
    public void Passwords_Windows_or_the_files_would_reject_are_refused_without_being_shown(string password)
    {
        var error = Assert.ThrowsExactly<WinVmException>(() => PasswordPolicy.Validate(password, "winvm"));

        Assert.AreEqual(ErrorCodes.PasswordRejected, error.Code);
        Assert.IsFalse(error.Message.Contains(password, StringComparison.Ordinal));
    }

    [TestMethod]
    public void A_password_with_three_classes_is_accepted() => PasswordPolicy.Validate("Abcdefg-hij", "winvm");
}
