namespace WinVmBuild.Cygwin;

/// <summary>RPM's <c>rpmvercmp</c>: compares two version (or release) strings segment by segment.</summary>
internal static class RpmVersionComparer
{
    public static int Compare(string left, string right)
    {
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < left.Length || j < right.Length)
        {
            i = SkipSeparators(left, i);
            j = SkipSeparators(right, j);

            // '~' sorts before everything, even the end of the string: 1.0~rc1 < 1.0.
            var leftTilde = At(left, i) == '~';
            var rightTilde = At(right, j) == '~';
            if (leftTilde || rightTilde)
            {
                if (!leftTilde)
                {
                    return 1;
                }

                if (!rightTilde)
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            // '^' sorts after the end of the string but before anything else: 1.0 < 1.0^git1 < 1.0.1.
            var leftCaret = At(left, i) == '^';
            var rightCaret = At(right, j) == '^';
            if (leftCaret || rightCaret)
            {
                if (i >= left.Length)
                {
                    return -1;
                }

                if (j >= right.Length)
                {
                    return 1;
                }

                if (!leftCaret)
                {
                    return 1;
                }

                if (!rightCaret)
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (i >= left.Length || j >= right.Length)
            {
                break;
            }

            var numeric = char.IsAsciiDigit(left[i]);
            var leftSegment = TakeSegment(left, ref i, numeric);
            var rightSegment = TakeSegment(right, ref j, numeric);
            if (rightSegment.IsEmpty)
            {
                // Segments of different kinds: a number is newer than letters.
                return numeric ? 1 : -1;
            }

            var bySegment = numeric ? CompareNumbers(leftSegment, rightSegment) : leftSegment.SequenceCompareTo(rightSegment);
            if (bySegment != 0)
            {
                return Math.Sign(bySegment);
            }
        }

        if (i >= left.Length && j >= right.Length)
        {
            return 0;
        }

        return i >= left.Length ? -1 : 1;
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    private static int SkipSeparators(string text, int index)
    {
        while (index < text.Length && !char.IsAsciiLetterOrDigit(text[index]) && text[index] is not '~' and not '^')
        {
            index++;
        }

        return index;
    }

    private static ReadOnlySpan<char> TakeSegment(string text, ref int index, bool numeric)
    {
        var start = index;
        while (index < text.Length && (numeric ? char.IsAsciiDigit(text[index]) : char.IsAsciiLetter(text[index])))
        {
            index++;
        }

        return text.AsSpan(start, index - start);
    }

    private static int CompareNumbers(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        left = left.TrimStart('0');
        right = right.TrimStart('0');
        return left.Length != right.Length ? left.Length.CompareTo(right.Length) : left.SequenceCompareTo(right);
    }
}
