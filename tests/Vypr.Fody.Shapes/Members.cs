using Vypr;

namespace Shapes;

public abstract class Shape
{
    public abstract double Area();

    public virtual string Name() => "shape";
}

public class Square : Shape
{
    private readonly double _side;

    public Square(double side)
    {
        _side = side;
    }

    [MaxDuration("10s")]
    public override double Area() => _side * _side;

    [MaxDuration("10s")]
    public override string Name() => "square";
}

public sealed class Connection
{
    private int _size = 1;

    [MaxDuration("10s")]
    public Connection(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public int Size
    {
        [MaxDuration("10s")]
        get => _size;
        [MaxDuration("10s")]
        set => _size = value;
    }
}

public struct Point
{
    public int X;
    public int Y;

    [MaxDuration("10s")]
    public readonly int Sum() => X + Y;

    [MaxDuration("10s")]
    public void Move(int dx)
    {
        X += dx;
    }
}
