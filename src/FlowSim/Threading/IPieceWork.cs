namespace FlowSim.Threading;

/// <summary>A job cut into pieces that may run on any thread in any order (each piece writes its own part).</summary>
internal interface IPieceWork
{
    /// <summary>Runs piece <paramref name="piece"/> of the current job.</summary>
    void RunPiece(int piece);
}
