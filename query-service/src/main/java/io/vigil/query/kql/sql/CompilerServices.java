package io.vigil.query.kql.sql;

/** The helpers one compilation shares: context, conversions, operators, function tables, the tabular compiler. */
final class CompilerServices {

    final CompilationContext context;
    final Conversions conversions;
    final Comparisons comparisons;
    final Arithmetic arithmetic;
    final StringMatching strings;
    final ScalarFunctions functions;
    final TabularCompiler tabular;

    CompilerServices(CompilationContext context) {
        this.context = context;
        this.conversions = new Conversions(context);
        this.comparisons = new Comparisons(conversions);
        this.arithmetic = new Arithmetic(context, conversions);
        this.strings = new StringMatching(context, conversions);
        this.functions = ScalarFunctions.builtIn();
        this.tabular = new TabularCompiler(this);
    }
}
