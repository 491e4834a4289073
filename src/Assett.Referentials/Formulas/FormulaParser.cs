using System.Globalization;

namespace Assett.Referentials.Formulas;

/// <summary>A formula that does not parse; line and column are 1-based within the formula text.</summary>
public sealed class FormulaSyntaxException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}

/// <summary>
/// Recursive-descent parser for the personalisation formula language (docs/referential-format.md, section 3).
/// Keywords are case-insensitive; whitespace, line breaks included, is free.
/// </summary>
public sealed class FormulaParser
{
    private readonly List<Token> _tokens;
    private int _position;

    private FormulaParser(List<Token> tokens) => _tokens = tokens;

    public static Expression Parse(string text)
    {
        var parser = new FormulaParser(FormulaLexer.Tokenize(text));
        var statement = parser.Statement();
        if (parser.Current.Kind != TokenKind.End)
            throw parser.Unexpected("end of formula");
        return statement;
    }

    private Token Current => _tokens[_position];

    private Token Advance() => _tokens[_position++];

    private bool AtKeyword(string keyword) => Current.Kind == TokenKind.Word && Current.Is(keyword);

    private FormulaSyntaxException Unexpected(string expected) => new(
        Current.Kind == TokenKind.End
            ? $"formula ends too early: expected {expected}"
            : $"unexpected '{Current.Text}': expected {expected}",
        Current.Line, Current.Column);

    private void Expect(TokenKind kind, string description)
    {
        if (Current.Kind != kind) throw Unexpected(description);
        _position++;
    }

    private Expression Statement()
    {
        if (!AtKeyword("si")) return Or();
        Advance();
        var condition = Or();
        if (!AtKeyword("alors")) throw Unexpected("'alors'");
        Advance();
        var then = Statement();
        if (!AtKeyword("sinon")) return new Conditional(condition, then, null);
        Advance();
        return new Conditional(condition, then, Statement());
    }

    private Expression Or()
    {
        var left = And();
        while (AtKeyword("ou"))
        {
            Advance();
            left = new Binary(BinaryOperator.Or, left, And());
        }
        return left;
    }

    private Expression And()
    {
        var left = Comparison();
        while (AtKeyword("et"))
        {
            Advance();
            left = new Binary(BinaryOperator.And, left, Comparison());
        }
        return left;
    }

    private Expression Comparison()
    {
        var left = Term();
        BinaryOperator? op = Current.Kind switch
        {
            TokenKind.Equal => BinaryOperator.Equal,
            TokenKind.Less => BinaryOperator.Less,
            TokenKind.Greater => BinaryOperator.Greater,
            TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
            TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
            _ => null,
        };
        if (op is null) return left;
        Advance();
        return new Binary(op.Value, left, Term());
    }

    private Expression Term()
    {
        var left = Factor();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance().Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            left = new Binary(op, left, Factor());
        }
        return left;
    }

    private Expression Factor()
    {
        var left = Unary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Advance().Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            left = new Binary(op, left, Unary());
        }
        return left;
    }

    private Expression Unary()
    {
        if (Current.Kind != TokenKind.Minus) return Call();
        Advance();
        return new Negation(Unary());
    }

    private Expression Call()
    {
        var token = Current;
        if (token.Kind == TokenKind.Word && _tokens[_position + 1].Kind == TokenKind.OpenParenthesis)
        {
            if (token.Is("identite") || token.Is("identité"))
            {
                Advance();
                Advance();
                var field = NameArgument("an identity field");
                Expect(TokenKind.Comma, "','");
                var tag = NameArgument("an identity tag");
                Expect(TokenKind.CloseParenthesis, "')'");
                return new IdentityCall(field, tag);
            }
            if (token.Is("reponse") || token.Is("réponse"))
            {
                Advance();
                Advance();
                var question = NameArgument("a question id");
                Expression? expected = null;
                if (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                    expected = Term();
                }
                Expect(TokenKind.CloseParenthesis, "')'");
                return new AnswerCall(question, expected, token.Line, token.Column);
            }
            if (token.Is("score"))
            {
                Advance();
                Advance();
                var node = NameArgument("a node id");
                Expect(TokenKind.CloseParenthesis, "')'");
                return new ScoreCall(node, token.Line, token.Column);
            }
            if (token.Is("min") || token.Is("max"))
            {
                Advance();
                Advance();
                var left = Term();
                Expect(TokenKind.Comma, "','");
                var right = Term();
                Expect(TokenKind.CloseParenthesis, "')'");
                return new MinMax(token.Is("max"), left, right);
            }
        }
        return Primary();
    }

    private string NameArgument(string description)
    {
        if (Current.Kind is not (TokenKind.Word or TokenKind.Number)) throw Unexpected(description);
        return Advance().Text;
    }

    private Expression Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new Literal(FormulaValue.Of(double.Parse(token.Text, CultureInfo.InvariantCulture)));
            case TokenKind.OpenParenthesis:
                Advance();
                var inner = Statement();
                Expect(TokenKind.CloseParenthesis, "')'");
                return inner;
            case TokenKind.Word when token.Is("vrai") || token.Is("oui"):
                Advance();
                return new Literal(FormulaValue.True);
            case TokenKind.Word when token.Is("faux") || token.Is("non"):
                Advance();
                return new Literal(FormulaValue.False);
            case TokenKind.Word when !IsReserved(token):
                Advance();
                return new Name(token.Text);
            default:
                throw Unexpected("a value");
        }
    }

    private static bool IsReserved(Token token) =>
        token.Is("si") || token.Is("alors") || token.Is("sinon") || token.Is("et") || token.Is("ou");
}
