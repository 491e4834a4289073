namespace Assett.Referentials.Formulas;

internal enum TokenKind
{
    Word,
    Number,
    OpenParenthesis,
    CloseParenthesis,
    Comma,
    Equal,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    Plus,
    Minus,
    Star,
    Slash,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column)
{
    public bool Is(string keyword) => string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}

internal static class FormulaLexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int line = 1, lineStart = 0, i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var column = i - lineStart + 1;
            if (c == '\n')
            {
                line++;
                lineStart = ++i;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.')) i++;
                tokens.Add(new Token(TokenKind.Word, text[start..i], line, column));
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                    for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++) { }
                tokens.Add(new Token(TokenKind.Number, text[start..i], line, column));
                continue;
            }
            var (kind, length) = c switch
            {
                '(' => (TokenKind.OpenParenthesis, 1),
                ')' => (TokenKind.CloseParenthesis, 1),
                ',' => (TokenKind.Comma, 1),
                '=' => (TokenKind.Equal, 1),
                '+' => (TokenKind.Plus, 1),
                '-' => (TokenKind.Minus, 1),
                '*' => (TokenKind.Star, 1),
                '/' => (TokenKind.Slash, 1),
                '<' when Next(text, i) == '=' => (TokenKind.LessOrEqual, 2),
                '>' when Next(text, i) == '=' => (TokenKind.GreaterOrEqual, 2),
                '<' => (TokenKind.Less, 1),
                '>' => (TokenKind.Greater, 1),
                _ => throw new FormulaSyntaxException($"unexpected character '{c}'", line, column),
            };
            tokens.Add(new Token(kind, text.Substring(i, length), line, column));
            i += length;
        }
        tokens.Add(new Token(TokenKind.End, "", line, text.Length - lineStart + 1));
        return tokens;
    }

    private static char Next(string text, int i) => i + 1 < text.Length ? text[i + 1] : '\0';
}
