/**
 * C and C++: stdio to stderr / stdout, syslog, Qt and Android log calls, logging macros such as DCMTK's
 * `DCMNET_WARN(…)` or `OFLOG_INFO(logger, …)`. C++ streams (`std::cerr << x`) are operators: exprs.ts.
 */
import type { PrivacyFamily } from './types';

const LOGGING_MACRO = /^(?:[A-Z][A-Z0-9]*_)*(?:LOG[A-Z]?_?)?(INFO|WARN|WARNING|ERROR|ERR|DEBUG|DBG|TRACE|FATAL|CRITICAL|NOTICE|VERBOSE|LOG[IWEDV])$/;
/** Control flow and accessors named for errors, also behind a project prefix (`FHIR_RETURN_IF_ERROR`, `TF_CHECK_OK`). */
const NOT_A_LOGGING_MACRO = /(^|_)(SET|GET|IS|HAS|CHECK|RETURN|HANDLE|CLEAR|RESET|ASSERT|EXPECT|STATIC|DEFINE|DECLARE)_/;

export const c: PrivacyFamily = {
  sink: ({ bare, name, site, apiText }) => {
    if (!bare) return undefined;
    if (/^(fprintf|fputs|vfprintf)$/.test(name)) {
      const stream = name === 'fputs' ? site.args[1] : site.args[0];
      if (stream && /^(std::)?(stderr|stdout)$/.test(stream.text.trim())) return { rule: 'to-log', api: apiText(), args: site.args.map((_, i) => i).filter((i) => (name === 'fputs' ? i === 0 : i >= 1)) };
      return undefined;
    }
    if (/^(syslog|vsyslog|perror|OutputDebugStringA?|OutputDebugStringW|__android_log_print|__android_log_write|qDebug|qInfo|qWarning|qCritical|qFatal)$/.test(name)) return { rule: 'to-log', api: apiText(), args: 'all' };
    if (LOGGING_MACRO.test(name) && !NOT_A_LOGGING_MACRO.test(name)) return { rule: 'to-log', api: apiText(), args: 'all' };
    return undefined;
  },
};
