namespace Shapes;

/// <summary>A generic interface through which <see cref="Bin{T}.Put"/>, a scoped method of a generic type, is reached.</summary>
public interface IBin<T>
{
    int Put(T item);
}

/// <summary>
/// The scope of <see cref="LedgerSpecifications.BinPuts"/> and <see cref="LedgerSpecifications.BinSizes"/>: a method
/// of a generic type, whose one body serves every instantiation, calling a generic method over the type's parameter.
/// </summary>
public sealed class Bin<T> : IBin<T>
{
    private int _size;

    public int Put(T item)
    {
        _size += Sizes.Of(item);
        return _size;
    }
}

/// <summary>A generic scoped method (<see cref="All"/>) and the generic method its specifications quantify over.</summary>
public static class Sizes
{
    public static int Of<T>(T item) => item?.ToString()?.Length ?? 0;

    public static int All<T>(T[] items)
    {
        int total = 0;
        foreach (T item in items)
        {
            total += Of(item);
        }

        return total;
    }
}
