package io.vigil.query.kql.sql;

import io.vigil.query.kql.types.KqlType;

/** tostring, toint, tolong, todouble/toreal, tobool, todatetime, totimespan, toguid, todynamic/parse_json. */
final class ConversionFunctions {

    private ConversionFunctions() {
    }

    static void register(ScalarFunctions functions) {
        functions.register("tostring", 1, 1, call -> call.conversions().toStringValue(call.arg(0)));
        conversion(functions, "toint", KqlType.INT);
        conversion(functions, "tolong", KqlType.LONG);
        conversion(functions, "todouble", KqlType.REAL);
        conversion(functions, "toreal", KqlType.REAL);
        conversion(functions, "tobool", KqlType.BOOL);
        conversion(functions, "toboolean", KqlType.BOOL);
        conversion(functions, "todatetime", KqlType.DATETIME);
        conversion(functions, "totimespan", KqlType.TIMESPAN);
        conversion(functions, "totime", KqlType.TIMESPAN);
        conversion(functions, "toguid", KqlType.GUID);
        for (String name : new String[] {"parse_json", "parsejson", "todynamic", "toobject"}) {
            functions.register(name, 1, 1, call -> call.conversions().parseJson(call.arg(0)));
        }
    }

    private static void conversion(ScalarFunctions functions, String name, KqlType target) {
        functions.register(name, 1, 1, call -> call.conversions().to(target, call.arg(0), call.positionOf(0)));
    }
}
