using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace WinVmBuild.IntegrationTests.Registry;

/// <summary>
/// A Distribution token endpoint (the registry's <c>auth: token</c>), served on 127.0.0.1 for one test: a client that
/// presents the right user and password (Basic) gets a JWT, signed RS256 by a key whose self-signed certificate the
/// registry trusts, granting the scope it asked for. Anything else gets 401.
/// </summary>
internal sealed class TokenServer : IDisposable
{
    public const string Service = "winvmbuild-test-registry";
    public const string Issuer = "winvmbuild-test-issuer";

    private readonly HttpListener _listener = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly string _expectedAuthorization;

    private TokenServer(string folder, string user, string password, int port)
    {
        var request = new CertificateRequest("CN=winvmbuild test token issuer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CertificateFile = Path.Combine(folder, "token-issuer.pem");
        File.WriteAllText(CertificateFile, _certificate.ExportCertificatePem());
        _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        Realm = $"http://127.0.0.1:{port}/token";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
    }

    public string Realm { get; }

    /// <summary>The certificate the registry verifies tokens with.</summary>
    public string CertificateFile { get; }

    public static TokenServer Start(string folder, string user, string password)
    {
        var server = new TokenServer(folder, user, password, DistributionRegistry.FreePort());
        server._listener.Start();
        _ = server.ServeAsync();
        return server;
    }

    public void Dispose()
    {
        _listener.Close();
        _certificate.Dispose();
        _key.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var response = context.Response;
            if (context.Request.Headers["Authorization"] != _expectedAuthorization)
            {
                response.StatusCode = 401;
                continue;
            }

            var body = Encoding.UTF8.GetBytes(new JsonObject { ["token"] = Token(context.Request.QueryString.GetValues("scope") ?? []) }.ToJsonString());
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(body);
        }
    }

    /// <summary>A JWT granting <paramref name="scopes"/> ("repository:winvm/test:pull,push"), with the certificate in its x5c header.</summary>
    private string Token(string[] scopes)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var access = new JsonArray();
        foreach (var scope in scopes)
        {
            var parts = scope.Split(':');
            access.Add(new JsonObject
            {
                ["type"] = parts[0],
                ["name"] = parts[1],
                ["actions"] = new JsonArray(parts[2].Split(',').Select(action => (JsonNode)action).ToArray()),
            });
        }

        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData)) };
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = DistributionRegistry.User,
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var signed = $"{Encode(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Encode(signature)}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
