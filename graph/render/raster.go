package render

import (
	"context"
	"fmt"
	"io"
)

func rasterize(ctx context.Context, svg []byte, scale float64, w io.Writer) error {
	return fmt.Errorf("not yet")
}
