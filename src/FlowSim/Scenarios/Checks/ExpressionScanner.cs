using System.Globalization;

namespace FlowSim.Scenarios.Checks;

/// <summary>
/// The lexical gate in front of the expression library: it admits only numbers (invariant format), the
/// environment's variables, the allowed functions with their argument counts, <c>+ - * /</c>, parentheses and commas,
/// so a scenario file cannot reach a .NET type or member (scenario files run on shared clusters), and it names the
/// position of every refusal. The library then parses the structure (precedence, a missing operand).
/// </summary>
internal static class ExpressionScanner
{
    /// <summary>Longest expression accepted.</summary>
    public const int MaxLength = 1000;

    /// <summary>Deepest parenthesis nesting accepted (the library's parser is recursive).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Stands for the '.' of <c>flow.loss</c> in the text the library parses: a letter, so the qualified name is one
    /// identifier of the same length (positions stay), and not ASCII, so a user cannot write it.
    /// </summary>
    public const char Qualifier = 'ǂ';

    private static readonly string Allowed = "numbers, variables, + - * / ( ) and the functions " + CheckFunctions.NameList;

    /// <summary>
    /// The variables <paramref name="text"/> uses, each once at its first 1-based position, and the text for the
    /// library (the '.' of <c>flow.loss</c> replaced by <see cref="Qualifier"/>).
    /// </summary>
    /// <exception cref="CheckExpressionException">A character, name, number, call or parenthesis is not allowed.</exception>
    public static (List<CheckVariableUse> Uses, string Parsed) Scan(string text, CheckEnvironment env)
    {
        var parsed = text.ToCharArray();
        if (text.Length > MaxLength) throw new CheckExpressionException($"is longer than {MaxLength} characters ({text.Length})", 0);
        if (string.IsNullOrWhiteSpace(text)) throw new CheckExpressionException("is an empty expression", 0);
        var uses = new List<CheckVariableUse>();
        var grammar = new ExpressionGrammar();
        var open = new Stack<Frame>();
        CheckFunctions.Entry? calling = null;
        int callPosition = 0, i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int pos = i + 1;
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (IsIdentifierStart(c))
            {
                int end = i;
                while (end < text.Length && IsIdentifierPart(text[end])) end++;
                string name = text[i..end];
                if (end + 1 < text.Length && text[end] == '.' && IsIdentifierStart(text[end + 1]) && env.IsDynamicsReference(name))
                {
                    parsed[end] = Qualifier;
                    end++;
                    while (end < text.Length && IsIdentifierPart(text[end])) end++;
                    name = text[i..end];
                }
                int next = SkipSpace(text, end);
                if (next < text.Length && text[next] == '.') throw MemberAccess(next + 1);
                if (next < text.Length && text[next] == '(')
                {
                    calling = Function(name, pos, env);
                    callPosition = pos;
                    grammar.FunctionName(pos, name);
                }
                else
                {
                    Variable(name, pos, env, uses);
                    grammar.Operand(pos, name);
                }
                i = end;
                continue;
            }
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                int end = Number(text, i);
                grammar.Operand(pos, text[i..end]);
                i = end;
                continue;
            }
            switch (c)
            {
                case '(':
                    if (open.Count == MaxDepth) throw new CheckExpressionException($"parentheses nested deeper than {MaxDepth} at position {pos}", pos);
                    grammar.Open(pos);
                    open.Push(new Frame(calling, callPosition, pos));
                    calling = null;
                    break;
                case ')':
                    if (open.Count == 0) throw new CheckExpressionException($"')' at position {pos} has no matching '('", pos);
                    var frame = open.Pop();
                    if (frame.Function is { } f)
                    {
                        int args = text[frame.OpenPosition..i].Trim().Length == 0 ? 0 : frame.Commas + 1;
                        if (args != f.Arity)
                            throw new CheckExpressionException(
                                $"{f.Name} at position {frame.NamePosition} takes {f.Arity} argument{(f.Arity == 1 ? "" : "s")} (got {args}): write {f.Usage}", frame.NamePosition);
                    }
                    grammar.Close(pos);
                    break;
                case ',':
                    if (open.Count == 0 || open.Peek().Function is null)
                        throw new CheckExpressionException($"',' at position {pos} is outside a function's arguments (numbers are written with '.', e.g. 1.5)", pos);
                    grammar.Comma(pos);
                    open.Peek().Commas++;
                    break;
                case '+' or '-' or '*' or '/':
                    grammar.Operator(pos, c);
                    break;
                case '.':
                    throw MemberAccess(pos);
                case '^':
                    throw new CheckExpressionException($"'^' at position {pos} is not an operator here: write pow(x, y)", pos);
                case '"' or '\'':
                    throw new CheckExpressionException($"text in quotes at position {pos} is not allowed: an expression is made of {Allowed}", pos);
                default:
                    throw new CheckExpressionException($"character '{c}' at position {pos} is not allowed: an expression is made of {Allowed}", pos);
            }
            i++;
        }
        if (open.Count > 0)
        {
            int at = open.Peek().OpenPosition;
            throw new CheckExpressionException($"'(' at position {at} is not closed", at);
        }
        grammar.End();
        return (uses, new string(parsed));
    }

    /// <summary>An open parenthesis: of a call (with its function) or of a group.</summary>
    private sealed class Frame(CheckFunctions.Entry? function, int namePosition, int openPosition)
    {
        public CheckFunctions.Entry? Function { get; } = function;
        public int NamePosition { get; } = namePosition;
        public int OpenPosition { get; } = openPosition;
        public int Commas { get; set; }
    }

    private static CheckFunctions.Entry Function(string name, int pos, CheckEnvironment env)
    {
        if (CheckFunctions.Find(name) is { } f) return f;
        if (env.Find(name) is not null || env.WhyUnavailable(name) is not null)
            throw new CheckExpressionException($"'{name}' at position {pos} is a variable, not a function (functions: {CheckFunctions.NameList})", pos);
        string nearest = ScenarioSchema.Nearest(name, CheckFunctions.All.Select(e => e.Name));
        throw new CheckExpressionException($"unknown function '{name}' at position {pos} (did you mean '{nearest}'? functions: {CheckFunctions.NameList})", pos);
    }

    private static void Variable(string name, int pos, CheckEnvironment env, List<CheckVariableUse> uses)
    {
        if (env.Find(name) is { } v)
        {
            foreach (var u in uses) if (ReferenceEquals(u.Variable, v)) return;
            uses.Add(new CheckVariableUse(v, pos));
            return;
        }
        if (CheckFunctions.Find(name) is { } f)
            throw new CheckExpressionException($"function '{name}' at position {pos} needs its arguments: write {f.Usage}", pos);
        if (env.WhyUnavailable(name) is { } why)
            throw new CheckExpressionException($"variable '{name}' at position {pos} is not available: {why}", pos);
        int dot = name.IndexOf('.');
        string nearest = ScenarioSchema.Nearest(name, env.Variables.Select(x => x.Name)
            .Where(x => dot < 0 ? !x.Contains('.') : x.StartsWith(name[..(dot + 1)], StringComparison.Ordinal)));
        throw new CheckExpressionException($"unknown variable '{name}' at position {pos} (did you mean '{nearest}'?)", pos);
    }

    /// <summary>Reads a number (digits, optional fraction, optional exponent) in invariant format; returns the index after it.</summary>
    private static int Number(string text, int start)
    {
        int i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            int j = i + 1;
            if (j < text.Length && text[j] is '+' or '-') j++;
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
                i = j;
            }
        }
        int pos = start + 1;
        if (i < text.Length && text[i] == '.' && i + 1 < text.Length && IsIdentifierStart(text[i + 1])) throw MemberAccess(i + 1);
        if (i < text.Length && (IsIdentifierPart(text[i]) || text[i] == '.'))
        {
            int end = i;
            while (end < text.Length && (IsIdentifierPart(text[end]) || text[end] == '.')) end++;
            throw new CheckExpressionException(
                $"invalid number '{text[start..end]}' at position {pos} (write numbers like 2, 0.5, 1.5e-3)", pos);
        }
        string literal = text[start..i];
        if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new CheckExpressionException($"number '{literal}' at position {pos} is out of range", pos);
        return i;
    }

    private static CheckExpressionException MemberAccess(int pos) =>
        new($"member access ('.') at position {pos} is not allowed: an expression is made of {Allowed} "
            + "(another dynamics' metric is written <dynamics>.<metric>, e.g. flow.loss)", pos);

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
