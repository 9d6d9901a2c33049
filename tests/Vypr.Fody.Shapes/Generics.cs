using System.Collections.Generic;
using Vypr;

namespace Shapes;

public static class Generic
{
    [MaxDuration("10s")]
    public static T Echo<T>(T value) => value;

    // Generic code over T: interceptors cannot name Echo<T> here, the woven body times it anyway.
    public static T Forward<T>(T value) => Echo(value);
}

public interface IRepository<T>
{
    int Save(T item);
}

public sealed class Repository<T> : IRepository<T>
{
    private readonly List<T> _items = new();

    [MaxDuration("10s")]
    public int Save(T item)
    {
        _items.Add(item);
        return _items.Count;
    }

    public sealed class Page
    {
        [MaxDuration("10s")]
        public static int Size(IReadOnlyList<T> items, int page) => items.Count > page ? page : items.Count;
    }
}

public interface IRule<T>
{
    bool Check(T value);
}

public sealed class LengthRule : IRule<string>
{
    [MaxDuration("10s")]
    public bool Check(string value) => value.Length < 100;
}

public sealed class PositiveRule : IRule<int>
{
    [MaxDuration("10s")]
    bool IRule<int>.Check(int value) => value > 0;
}
