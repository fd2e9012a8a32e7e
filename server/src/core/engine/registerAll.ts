/**
 * Registers every detector with the engine. Front ends import this once; the import is explicit so the
 * core stays free of side effects for callers that want only parts of it.
 */
import '../crypto/register';
import '../privacy/register';
