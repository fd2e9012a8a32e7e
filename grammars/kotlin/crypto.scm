; Crypto analyser (server/src/core/crypto): calls, definitions, constants, trust methods and strings.
(call_expression) @call
(property_declaration) @assign
(assignment) @assign
((string_literal) @str (#match? @str "(https?|wss?|ftp|telnet)://|AKIA|ASIA|gh[pousr]_|github_pat_|xox[baprs]-|sk_live_|rk_live_|AIza|-----BEGIN|sk-|glpat-|SG[.]|[Pp]assword *=|[Pp]wd *=|PASSWORD *=|PWD *=|@tcp[(]|://[^/@ ]+:[^@ ]+@"))
(import) @import
(package_header (_) @pkg)
(navigation_expression (identifier) @_m . (#match? @_m "^(MODE_ECB|ECB|PROTOCOL_SSLv2|PROTOCOL_SSLv3|PROTOCOL_TLSv1|PROTOCOL_TLSv1_1|SSLv2_METHOD|SSLv3_METHOD|TLSv1_METHOD|TLSv1_1_METHOD|SSLv3|TLSv1|TLSv1_1|Ssl2|Ssl3|Tls|Tls11|VersionTLS10|VersionTLS11|VersionSSL30|SSL3|TLS1|TLS1_1|Sslv3|Tlsv10|Tlsv11|TLS_1_0|TLS_1_1|SSL_3_0|TLSv10|TLSv11|NONE|INSTANCE|ALLOW_ALL_HOSTNAME_VERIFIER|DangerousAcceptAnyServerCertificateValidator|MD5|SHA1|MD4|RIPEMD160|MD5SHA1|SHA_1|MD2|Md5|Sha1|Md4|MD5WithRSA|SHA1WithRSA|DSAWithSHA1|ECDSAWithSHA1|SHA1_FOR_LEGACY_USE_ONLY|L1024N160|CLEARTEXT)$")) @member
(function_declaration (identifier) @_n (#match? @_n "^(checkServerTrusted|verify|isTrusted)$")) @method
